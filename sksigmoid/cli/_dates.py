"""Where earlier model files say :class:`~sksigmoid.tabular.DateFeatures` is:
skops imports a class from the module path a file records."""

from sksigmoid.tabular._dates import DateFeatures

__all__ = ["DateFeatures"]
