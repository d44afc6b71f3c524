"""scikit-learn's callbacks (``sklearn.callback``, 1.9+) on every estimator: one
task per epoch under the fit's task, the model of each epoch, a callback that
stops the fit, propagation from meta-estimators, and the error without the API."""

import contextlib
import io

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid._engine import _callbacks
from sksigmoid._engine._callbacks import HAS_CALLBACK_API, MissingCallbackSupport

pytestmark = pytest.mark.skipif(
    not HAS_CALLBACK_API, reason="needs scikit-learn >= 1.9 (sklearn.callback)"
)

X, y = make_classification(120, 5, n_informative=3, flip_y=0.05, random_state=0)

MAKERS = {
    "neuron": lambda **params: SigmoidNeuronClassifier(random_state=0, **params),
    "threshold": lambda **params: ThresholdUnit(random_state=0, **params),
    "network": lambda **params: SigmoidNetworkClassifier(
        hidden_layer_sizes=(4,), random_state=0, **{"n_iter": 30, "tol": None, **params}
    ),
}


class EpochRecorder:
    """Records the epochs (the non-empty direct subtasks of an estimator's root
    task) of every fit it sees, and asks to stop at the ``stop_at``-th."""

    def __init__(self, stop_at=None):
        self.stop_at = stop_at
        self.epochs = []
        self.teardowns = 0

    def setup(self, estimator, context):
        pass

    def teardown(self, estimator, context):
        self.teardowns += 1

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(self, estimator, context, *, X=None, fitted_estimator=None):
        parent = context.parent
        if X is None or parent is None or context.task_name != "epoch":
            return False
        self.epochs.append((id(parent), fitted_estimator))
        done = sum(1 for fit, _ in self.epochs if fit == id(parent))
        return self.stop_at is not None and done >= self.stop_at

    def per_fit(self):
        counts = {}
        for fit, _ in self.epochs:
            counts[fit] = counts.get(fit, 0) + 1
        return sorted(counts.values())


class PropagatedRecorder(EpochRecorder):
    """The same, propagated by meta-estimators to every depth."""

    max_propagation_depth = None


def weights(estimator):
    if hasattr(estimator, "coefs_"):
        return [*estimator.coefs_, *estimator.intercepts_]
    return [estimator.coef_, estimator.intercept_]


def assert_same_weights(first, second, atol=1e-12):
    for a, b in zip(weights(first), weights(second), strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=atol)


@pytest.mark.parametrize("kind", MAKERS)
def test_callbacks_leave_the_fit_unchanged(kind):
    """Check that a fit with a callback gives the weights of one without."""
    make = MAKERS[kind]
    plain = make().fit(X, y)
    recorder = EpochRecorder()
    watched = make().set_callbacks(recorder).fit(X, y)
    assert_same_weights(watched, plain, atol=0)
    assert recorder.per_fit() == [plain.n_iter_]
    assert recorder.teardowns == 1


@pytest.mark.parametrize("kind", ["neuron", "network", "threshold"])
def test_each_epoch_hands_the_model_of_a_fit_that_many_epochs_long(kind):
    """Check that the fitted_estimator of epoch k is the model a fresh fit with
    n_iter=k returns (the pocket's best-so-far for the threshold unit)."""
    make = MAKERS[kind]
    recorder = EpochRecorder()
    make(tol=None, n_iter=6).set_callbacks(recorder).fit(X, y)
    models = [model for _, model in recorder.epochs]
    assert len(models) == 6
    for k, model in enumerate(models, start=1):
        reference = make(tol=None, n_iter=k).fit(X, y)
        assert_same_weights(model, reference)
        assert model.n_iter_ == k
        np.testing.assert_allclose(
            model.predict_proba(X), reference.predict_proba(X), rtol=0, atol=1e-12
        )


@pytest.mark.parametrize("kind", MAKERS)
def test_a_callback_asking_to_stop_ends_the_fit_after_that_epoch(kind):
    make = MAKERS[kind]
    stopped = make(tol=None, n_iter=50).set_callbacks(EpochRecorder(stop_at=4))
    stopped.fit(X, y)
    reference = make(tol=None, n_iter=4).fit(X, y)
    assert stopped.n_iter_ == 4 and len(stopped.loss_curve_) == 4
    np.testing.assert_allclose(stopped.loss_curve_, reference.loss_curve_, atol=1e-12)
    assert_same_weights(stopped, reference)


def test_a_stop_requested_before_n_iter_does_not_warn_of_convergence():
    """Check that a stop requested by a callback is a stopping rule: with tol
    set, no ConvergenceWarning (warnings are errors in this suite)."""
    unit = SigmoidNeuronClassifier(tol=1e-12, n_iter=50, random_state=0)
    unit.set_callbacks(EpochRecorder(stop_at=3)).fit(X, y)
    assert unit.n_iter_ == 3


def test_scoring_monitor_logs_each_epochs_score_of_its_model():
    """Check ScoringMonitor's rows against the accuracies of fresh fits."""
    from sklearn.callback import ScoringMonitor

    monitor = ScoringMonitor(scoring="accuracy")
    SigmoidNeuronClassifier(tol=None, n_iter=5, random_state=0).set_callbacks(
        monitor
    ).fit(X, y)
    logs = monitor.get_logs(include_lineage=True).data_as_pandas
    epochs = logs[logs["task_name"] == "epoch"].sort_values("task_id")
    expected = [
        accuracy_score(
            y,
            SigmoidNeuronClassifier(tol=None, n_iter=k, random_state=0)
            .fit(X, y)
            .predict(X),
        )
        for k in range(1, 6)
    ]
    np.testing.assert_allclose(epochs["accuracy"], expected, rtol=0, atol=1e-12)


def test_epoch_data_are_the_users_training_rows():
    """Check that with early stopping the epochs see the training rows of the
    user's own X (a DataFrame keeps its columns), with their sample weights."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
    seen = []

    class DataRecorder(EpochRecorder):
        def on_fit_task_end(self, estimator, context, *, X=None, metadata=None):
            if context.task_name == "epoch":
                seen.append((X, metadata))

    weight = np.linspace(1, 2, len(y))
    unit = SigmoidNeuronClassifier(
        early_stopping=True, validation_fraction=0.25, n_iter=3, tol=None
    )
    unit.set_callbacks(DataRecorder()).fit(frame, y, sample_weight=weight)
    rows, metadata = seen[0]
    assert isinstance(rows, pd.DataFrame) and len(rows) == 90
    assert list(rows.columns) == list(frame.columns)
    np.testing.assert_array_equal(metadata["sample_weight"], weight[rows.index])


def test_partial_fit_is_one_epoch_task():
    recorder = EpochRecorder()
    unit = SigmoidNeuronClassifier(random_state=0).set_callbacks(recorder)
    for _ in range(3):
        unit.partial_fit(X, y, classes=[0, 1])
    assert recorder.per_fit() == [1, 1, 1]
    assert [model.n_iter_ for _, model in recorder.epochs] == [1, 2, 3]


@pytest.mark.parametrize("kind", MAKERS)
def test_propagated_callbacks_see_every_fit_of_a_grid_search(kind):
    make = MAKERS[kind]
    grid = {"fit_intercept": [True, False]}
    recorder = PropagatedRecorder()
    search = GridSearchCV(make(), grid, cv=2).set_callbacks(recorder).fit(X, y)
    by_hand = [
        make(fit_intercept=fit_intercept).fit(X[train], y[train]).n_iter_
        for fit_intercept in grid["fit_intercept"]
        for train, _ in StratifiedKFold(2).split(X, y)
    ]
    assert recorder.per_fit() == sorted([*by_hand, search.best_estimator_.n_iter_])


def test_progress_bar_draws_the_epochs_of_a_pipelines_estimator():
    pytest.importorskip("rich")
    from sklearn.callback import ProgressBar

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        pipeline = make_pipeline(StandardScaler(), MAKERS["network"]())
        pipeline.set_callbacks(ProgressBar()).fit(X, y)
    assert "SigmoidNetworkClassifier" in sink.getvalue()


def test_a_failed_fit_still_tears_its_callbacks_down():
    """Check that a fit that raises after its callbacks were set up (weights
    that diverge) tears them down and leaves no callback state behind."""
    recorder = EpochRecorder()
    unit = SigmoidNeuronClassifier(learning_rate=1e6, alpha=1e5, random_state=0)
    with pytest.raises(ValueError, match="diverged"):
        unit.set_callbacks(recorder).fit(X * 1e3, y)
    assert recorder.teardowns == 1
    assert not hasattr(unit, "_callback_fit_ctx") and not hasattr(unit, "n_iter_")


def test_set_callbacks_without_the_api_names_the_version_needed(monkeypatch):
    with pytest.raises(ImportError, match=r"scikit-learn >= 1\.9"):
        MissingCallbackSupport().set_callbacks(EpochRecorder())
    # A fit without the API runs no callback code.
    monkeypatch.setattr(_callbacks, "HAS_CALLBACK_API", False)
    unit = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    assert_same_weights(unit, SigmoidNeuronClassifier(random_state=0).fit(X, y))
