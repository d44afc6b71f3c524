"""The training engine: what every unit's fit runs, knowing no estimator.

Each module is one concept, and each can be tested on its own:

- ``_validation``: X's validation (scikit-learn's, floats kept at 32 or 64
  bits) and its finiteness test;
- ``_targets``: the one target encoder (labels to the units' 0/1 targets, for
  ``fit``, ``partial_fit`` and dask blocks alike) and the sample weights times
  the class weights;
- ``_data``: the training data a fit reads, in memory or on a dask cluster, and
  the early-stopping split;
- ``_stats``: the input statistics a fit trains in (scale, mean square, stable
  step), as a small dataclass;
- ``_math``: the activations, the losses (one record per loss), the error terms
  and backpropagation;
- ``_shuffle``: the order of the rows in an online epoch (splitmix64);
- ``_layers``: the weights and biases of each layer a fit trains, and the
  checks of the weights a fit is given to start from;
- ``_solvers``: the one choice of step rule, as a plan (``solver``);
- ``_optimizers``: the step rules themselves, each tested on its own;
- ``_loop``: ``run_epochs`` with its stopping rule and observers (verbose
  output, the epoch listener);
- ``_callbacks``: scikit-learn's callbacks (1.9+): the fit's task, one per
  epoch, as an observer of the loop;
- ``_backend``: the one place that picks NumPy or the compiled passes of
  ``_kernels`` for a pass, and tells a dask collection from an array;
- ``_kernels`` (numba, imported only by ``_backend``) and ``_dask`` (blockwise
  passes that return what they computed and write no estimator state).

Dependencies point one way: the estimators import the engine, the command line
imports the estimators, and nothing here imports either.
"""
