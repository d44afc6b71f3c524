"""The estimators in the workflows a scikit-learn and pandas user builds."""

import pickle

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    cross_val_score,
    cross_validate,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
)
from sksigmoid.datasets import make_truth_table


def repeated_table(name, n_inputs, times, as_frame=False):
    X, y = make_truth_table(name, n_inputs, return_X_y=True, as_frame=as_frame)
    if as_frame:
        return pd.concat([X] * times, ignore_index=True), pd.concat(
            [y] * times, ignore_index=True
        )
    return np.vstack([X] * times), np.tile(y, times)


def test_grid_search_over_learning_rate_n_iter_and_intercept():
    X, y = repeated_table("or", 3, times=4)
    grid = {
        "learning_rate": [0.5, 2.0],
        "n_iter": [200, 2000],
        "fit_intercept": [True, False],
    }
    # tol=None runs exactly n_iter epochs, so a short grid point cannot warn.
    search = GridSearchCV(
        SigmoidNeuronClassifier(random_state=0, tol=None), grid, cv=StratifiedKFold(4)
    ).fit(X, y)
    assert len(search.cv_results_["params"]) == 8
    assert search.best_score_ == 1.0
    # The best score is the cross-validated score of the best parameters.
    best = SigmoidNeuronClassifier(random_state=0, tol=None, **search.best_params_)
    scores = cross_val_score(best, X, y, cv=StratifiedKFold(4))
    assert search.best_score_ == pytest.approx(scores.mean())


def test_pipeline_with_scaler_on_a_dataframe_truth_table():
    X, y = repeated_table("and", 3, times=3, as_frame=True)
    search = GridSearchCV(
        make_pipeline(StandardScaler(), ThresholdUnit(random_state=0)),
        {
            "thresholdunit__learning_rate": [0.1, 1.0],
            "thresholdunit__n_iter": [20, 200],
        },
        cv=3,
    ).fit(X, y)
    assert search.best_score_ == 1.0
    assert list(search.best_estimator_.feature_names_in_) == ["x1", "x2", "x3"]


def test_cross_validate_accuracy_and_roc_auc(Estimator):
    X, y = repeated_table("majority", 3, times=5)
    result = cross_validate(
        Estimator(random_state=0), X, y, cv=5, scoring=["accuracy", "roc_auc"]
    )
    assert_array_equal(result["test_accuracy"], 1.0)
    assert_array_equal(result["test_roc_auc"], 1.0)


def test_dataframe_with_string_labels(Estimator):
    rng = np.random.RandomState(0)
    frame = pd.DataFrame(
        {
            "age": rng.normal(40, 10, 300),
            "income": rng.normal(50, 15, 300),
            "score": rng.normal(0, 1, 300),
        }
    )
    y = pd.Series(np.where(frame.age / 10 + frame.score > 4.5, "yes", "no"))
    model = make_pipeline(StandardScaler(), Estimator(random_state=0)).fit(frame, y)
    assert set(model.predict(frame)) == {"yes", "no"}
    assert model.score(frame, y) > 0.9
    clf = Estimator(random_state=0).fit(frame, y)
    assert_array_equal(clf.feature_names_in_, ["age", "income", "score"])
    assert_array_equal(clf.classes_, ["no", "yes"])
    with pytest.warns(UserWarning, match="feature names"):
        clf.predict(frame.to_numpy())
    # The positive class is the second in classes_, as in scikit-learn.
    proba = clf.predict_proba(frame)
    assert_array_equal(clf.predict(frame), np.where(proba[:, 1] > 0.5, "yes", "no"))


def test_clone_and_pickle_round_trips(Estimator):
    X, y = make_truth_table("or", n_inputs=3, return_X_y=True)
    fitted = Estimator(random_state=3).fit(X, y)
    restored = pickle.loads(pickle.dumps(fitted))
    assert_array_equal(restored.predict_proba(X), fitted.predict_proba(X))
    refitted = clone(fitted).fit(X, y)
    assert_allclose(refitted.predict_proba(X), fitted.predict_proba(X))
    assert not hasattr(clone(fitted), "coef_")


def test_multiclass_and_multilabel_targets(Estimator):
    rng = np.random.RandomState(1)
    X = rng.normal(size=(300, 4))
    y = np.digitize(X[:, 0] + X[:, 1], [-0.7, 0.7])
    model = Estimator(random_state=0).fit(X, y)
    assert model.predict_proba(X).shape == (300, 3)
    assert model.score(X, y) > (0.9 if Estimator is SigmoidNeuronClassifier else 0.7)
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0]).astype(int)
    multilabel = Estimator(random_state=0).fit(X, Y)
    assert multilabel.predict(X).shape == (300, 2)
    assert (multilabel.predict(X) == Y).mean() > 0.9


@pytest.mark.parametrize(
    "Estimator", [SigmoidNeuronClassifier, ThresholdUnit, SigmoidNetworkClassifier]
)
def test_predicting_from_threads_while_another_refits_does_not_raise(Estimator):
    """Regression: threads predicting while one refits raised "dictionary
    changed size during iteration" from check_is_fitted (scikit-learn's
    callback context is set and removed on every fit)."""
    import threading

    X, y = make_classification(60, 5, random_state=0)
    model = Estimator(random_state=0, n_iter=2, tol=None).fit(X, y)
    expected = model.predict(X[:5])
    failures, predictions, refits_done = [], [], threading.Event()

    def predict_until_done():
        while not refits_done.is_set():
            try:
                predictions.append(model.predict(X[:5]))
            except Exception as error:  # noqa: BLE001 - any is the failure
                failures.append(repr(error))
                return

    threads = [threading.Thread(target=predict_until_done) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(10):
        model.fit(X, y)
    refits_done.set()
    for thread in threads:
        thread.join()
    assert failures == []
    # The refits are of the same data and seed: every prediction is the model's.
    assert predictions and all((p == expected).all() for p in predictions)
