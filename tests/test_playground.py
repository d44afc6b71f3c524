"""The playground's core and JSON API against the estimators' own fits."""

import json
import threading
import urllib.request
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
    trace,
)
from sksigmoid.datasets import make_playground
from sksigmoid.playground import Playground

X, y = make_playground(
    "gauss", n_samples=40, noise=0.3, random_state=0, return_X_y=True
)


def _fit(estimator, **fit_params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return estimator.fit(X, y, **fit_params)


@pytest.mark.parametrize(
    "make",
    [
        lambda **kw: ThresholdUnit(random_state=0, **kw),
        lambda **kw: SigmoidNeuronClassifier(learning_rate=0.5, random_state=0, **kw),
        lambda **kw: SigmoidNetworkClassifier(
            hidden_layer_sizes=(3,), learning_rate=0.5, random_state=0, **kw
        ),
    ],
    ids=["threshold", "neuron", "network"],
)
def test_playground_run_equals_n_iter_fit(make):
    """Check that run(k) from a reset is the n_iter=k, tol=None fit, also after
    a run that went further."""
    playground = Playground(make(), X, y).run(7)
    playground.reset().run(2).run(1)
    reference = _fit(make(n_iter=3, tol=None))
    model = playground.estimator_
    if hasattr(reference, "coefs_"):
        for got, want in zip(model.coefs_, reference.coefs_, strict=True):
            np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_array_equal(model.coef_, reference.coef_)
        np.testing.assert_array_equal(model.intercept_, reference.intercept_)
    assert playground.epoch_ == 3
    assert playground.loss_curve_ == list(reference.loss_curve_)


def test_playground_step_sample_follows_trace():
    """Check that each sample step adds the trace row's changes to Rosenblatt's
    zero start, and that the epoch's last row lands on the one-epoch fit."""
    unit = ThresholdUnit(random_state=0)
    rows = trace(unit, X, y)
    playground = Playground(unit, X, y)
    np.testing.assert_allclose(playground.estimator_.coef_, [[0.0, 0.0]], atol=1e-12)
    for visited in range(1, 4):
        playground.step_sample()
        changes = rows.iloc[:visited]
        want = changes[["delta_w1", "delta_w2"]].to_numpy().sum(axis=0)
        np.testing.assert_allclose(
            playground.estimator_.coef_.ravel(), want, atol=1e-12
        )
        assert playground.estimator_.intercept_[0] == pytest.approx(
            changes["delta_b"].sum()
        )
        assert playground.last_step_["sample"] == rows["sample"].iloc[visited - 1]
    playground.step_epoch()
    assert (playground.epoch_, playground.sample_) == (1, 0)
    np.testing.assert_array_equal(
        playground.estimator_.coef_, _fit(ThresholdUnit(random_state=0, n_iter=1)).coef_
    )


def test_playground_full_batch_sample_step_is_an_epoch():
    """Check that a full-batch rule's sample step trains one epoch and says so."""
    neuron = SigmoidNeuronClassifier(learning_rate=0.5, alpha=0, random_state=0)
    playground = Playground(neuron, X, y).step_sample()
    assert (playground.epoch_, playground.sample_) == (1, 0)
    assert "full batch" in playground.message_


def test_playground_set_weights_continues_from_them():
    """Check that typed weights start the later epochs (fit's coef_init), and
    that a sample step from them is refused."""
    neuron = SigmoidNeuronClassifier(learning_rate=0.5, alpha=0, random_state=0)
    playground = Playground(neuron, X, y).set_weights([1.0, -2.0], 0.5)
    np.testing.assert_array_equal(playground.estimator_.coef_, [[1.0, -2.0]])
    playground.run(4)
    reference = _fit(
        SigmoidNeuronClassifier(
            learning_rate=0.5, alpha=0, random_state=0, n_iter=4, tol=None
        ),
        coef_init=[1.0, -2.0],
        intercept_init=[0.5],
    )
    np.testing.assert_array_equal(playground.estimator_.coef_, reference.coef_)
    online = Playground(ThresholdUnit(random_state=0), X, y).set_weights([1.0, 1.0])
    with pytest.raises(ValueError, match="Reset"):
        online.step_sample()


def test_playground_surface_and_held_out_loss():
    """Check the hidden units' heatmaps against a forward pass by hand, and the
    held-out loss against the log loss by hand."""
    network = SigmoidNetworkClassifier(
        hidden_layer_sizes=(2,), learning_rate=0.5, random_state=0
    )
    playground = Playground(network, X[:30], y[:30], X_test=X[30:], y_test=y[30:])
    surface = playground.run(2).surface(grid_resolution=5)
    model = playground.estimator_
    grid = np.array([[x1, x2] for x2 in surface["x2"] for x1 in surface["x1"]])
    hidden = 1 / (1 + np.exp(-(grid @ model.coefs_[0] + model.intercepts_[0])))
    np.testing.assert_allclose(
        np.array(surface["hidden"][0]), hidden.T.reshape(2, 5, 5), rtol=1e-10
    )
    p = model.predict_proba(X[30:])[np.arange(10), y[30:]]
    assert playground.scores_[-1]["test"] == pytest.approx(-np.mean(np.log(p)))


def test_playground_server_answers_the_core_state():
    """Check that the JSON API's states equal a core driven alike."""
    from sksigmoid.playground._server import PlaygroundServer, make_session

    server = PlaygroundServer(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:

        def post(action, body=None):
            request = urllib.request.Request(
                server.url + "api/" + action,
                data=json.dumps(body or {}).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request) as response:
                return json.load(response)

        config = {"dataset": "xor", "n_samples": 40, "unit": "neuron"}
        post("config", config)
        post("step_sample")
        answer = post("run", {"n_epochs": 2})
        core = make_session({**server.config}).step_sample().run(2)
        assert (answer["epoch"], answer["sample"]) == (2, 0)
        assert answer["coefs"] == core.state()["coefs"]
        assert answer["loss_curve"] == core.state()["loss_curve"]
        with urllib.request.urlopen(server.url) as page:
            assert b'id="step-sample"' in page.read()
    finally:
        server.shutdown()
        server.server_close()
