"""Training and prediction on dask collections, for data larger than one machine.

Full-batch descent is a map-reduce: each epoch's loss and direction are sums
over the rows, so they are sums of the same quantities over row blocks. A fit
on a dask array or DataFrame persists its blocks on the cluster's workers,
computes each block's share of the sums there and adds the small results on
the client; only the weights travel. Predictions map over the blocks.

dask is optional (``pip install sksigmoid[dask]``): nothing here imports it
until the caller hands over a dask collection.
"""

import sys


def is_dask_collection(obj):
    """Whether ``obj`` is a dask collection, without importing dask: an object
    cannot be one unless dask was imported to make it."""
    dask = sys.modules.get("dask")
    return dask is not None and dask.is_dask_collection(obj)
