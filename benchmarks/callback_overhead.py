"""What scikit-learn's callbacks cost a fit, against ``LogisticRegression``'s in the
same run.

For each estimator, on small tables as they come (the AND truth table of 3
inputs, breast_cancer standardized, and 2,000 x 20 ``make_classification``),
prints the median time of a fit without callbacks, with a callback that does
nothing (auto-propagated, so it asks for an epoch task each epoch; it does not
ask for the model), with ``ScoringMonitor(scoring="accuracy")`` (which builds
and scores the model of every epoch), and with the command line's epoch
listener; then each time over the fit without callbacks. ``LogisticRegression``
(lbfgs, one task per iteration) is measured the same way. Needs scikit-learn
>= 1.9.

    python benchmarks/callback_overhead.py
"""

import contextlib
import time
import warnings

import numpy as np
import sklearn
from sklearn.callback import AutoPropagatedCallback, ScoringMonitor
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid._engine._loop import epoch_listener
from sksigmoid.datasets import make_truth_table


class NoOpCallback(AutoPropagatedCallback):
    """A callback whose hooks do nothing and ask for nothing."""

    max_propagation_depth = None

    def setup(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(self, estimator, context):
        pass

    def teardown(self, estimator, context):
        pass


ESTIMATORS = {
    "SigmoidNeuron": lambda: SigmoidNeuronClassifier(random_state=0),
    "ThresholdUnit": lambda: ThresholdUnit(random_state=0),
    "SigmoidNetwork(8,)": lambda: SigmoidNetworkClassifier(
        hidden_layer_sizes=(8,), random_state=0
    ),
    "LogisticRegression": lambda: LogisticRegression(max_iter=1000),
}


def tables():
    X_and, y_and = make_truth_table("and", n_inputs=3, return_X_y=True)
    cancer = load_breast_cancer()
    X_wide, y_wide = make_classification(2000, 20, n_informative=10, random_state=0)
    return {
        "AND-3 (8 x 3)": (X_and, y_and),
        "breast_cancer (569 x 30)": (
            StandardScaler().fit_transform(cancer.data),
            cancer.target,
        ),
        "classification (2000 x 20)": (X_wide, y_wide),
    }


def median_times(fits, repeats):
    """The median time of each of ``fits``, run in turn ``repeats`` times so
    that a slower moment of the machine falls on all of them alike."""
    times = [[] for _ in fits]
    for _ in range(repeats):
        for fit, fit_times in zip(fits, times, strict=True):
            start = time.perf_counter()
            fit()
            fit_times.append(time.perf_counter() - start)
    return [float(np.median(fit_times)) for fit_times in times]


@contextlib.contextmanager
def listening():
    token = epoch_listener.set(lambda epoch, n_iter, finished: None)
    try:
        yield
    finally:
        epoch_listener.reset(token)


def main():
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    header = (
        f"{'table':28} {'estimator':20} {'epochs':>6} {'none ms':>8} "
        f"{'no-op':>6} {'monitor':>8} {'listener':>8}"
    )
    print(header)
    for table, (X, y) in tables().items():
        for name, make in ESTIMATORS.items():
            if name == "LogisticRegression" and table.startswith("AND"):
                continue

            def fit(*callbacks, make=make, X=X, y=y):
                estimator = make()
                if callbacks:
                    estimator.set_callbacks(*callbacks)
                return estimator.fit(X, y)

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                n_epochs = int(np.ravel(fit().n_iter_)[0])
                repeats = 41 if table.startswith("AND") else 11

                def listened_fit(fit=fit):
                    with listening():
                        fit()

                fits = [
                    fit,
                    lambda fit=fit: fit(NoOpCallback()),
                    lambda fit=fit: fit(ScoringMonitor(scoring="accuracy")),
                ]
                if name != "LogisticRegression":
                    fits.append(listened_fit)
                plain, no_op, monitored, *listened = median_times(fits, repeats)
                listened = listened[0] if listened else float("nan")
            print(
                f"{table:28} {name:20} {n_epochs:6d} {plain * 1e3:8.2f} "
                f"{no_op / plain:6.2f} {monitored / plain:8.1f} "
                f"{listened / plain:8.2f}"
            )
    print(
        "no-op, monitor, listener: the fit's time with that callback over its "
        "time without callbacks."
    )


if __name__ == "__main__":
    main()
