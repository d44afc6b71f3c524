"""The old home of :class:`~sksigmoid.tabular.DateFeatures`: model files saved
by sksigmoid 0.2 name the class by this path, and skops imports it from there."""

from sksigmoid.tabular._dates import DateFeatures

__all__ = ["DateFeatures"]
