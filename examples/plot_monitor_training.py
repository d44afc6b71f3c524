"""
Watching and steering a fit: callbacks, the held-out loss, starting weights
===========================================================================

Three things scikit-learn's own neural network does not offer yet:

- scikit-learn's callbacks (``sklearn.callback``, scikit-learn 1.9 or later):
  every epoch is a task a callback sees, with the model as it stands after
  that epoch, and a callback can stop the fit;
- ``validation_loss_curve_``, the loss of the held-out rows after each epoch
  with ``early_stopping=True``, beside ``loss_curve_``;
- starting weights: ``fit(X, y, coef_init=..., intercept_init=...)`` (the
  network's ``coefs_init`` and ``intercepts_init``), for example from a
  hand-set logic gate.
"""

# %%
# The data: breast cancer, standardized
# -------------------------------------
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

# %%
# The score of every epoch
# ------------------------
# ``ScoringMonitor`` scores the model of each epoch. Its scorers get the
# training rows; one that ignores them and scores the test rows shows the
# test accuracy along the way. The log has one row per epoch (task
# ``"epoch"``), and one for the whole fit.
import matplotlib.pyplot as plt
from sklearn.callback import ScoringMonitor
from sklearn.metrics import get_scorer

from sksigmoid import SigmoidNetworkClassifier


def test_accuracy(estimator, X, y):
    return estimator.score(X_test, y_test)


monitor = ScoringMonitor(
    scoring={"training": get_scorer("accuracy"), "test": test_accuracy}
)
network = SigmoidNetworkClassifier(
    hidden_layer_sizes=(8,), n_iter=120, tol=None, random_state=0
)
network.set_callbacks(monitor).fit(X_train, y_train)
log = monitor.get_logs(include_lineage=True).data_as_pandas
epochs = log[log["task_name"] == "epoch"].sort_values("task_id")
print(f"{len(epochs)} epoch rows for n_iter_ = {network.n_iter_}")

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(epochs["task_id"] + 1, epochs["training"], label="training rows")
ax.plot(epochs["task_id"] + 1, epochs["test"], label="test rows")
ax.set(xlabel="epoch", ylabel="accuracy", ylim=(0.85, 1.005))
ax.set_title("ScoringMonitor on SigmoidNetworkClassifier(hidden_layer_sizes=(8,))")
ax.legend()
fig.tight_layout()

# %%
# The held-out loss beside the training loss
# ------------------------------------------
# With ``early_stopping=True`` a fit holds out ``validation_fraction`` of its
# rows. ``validation_scores_`` has their accuracy after each epoch and
# ``validation_loss_curve_`` their loss: here scikit-learn's ``log_loss`` of
# ``predict_proba``. The training loss includes the penalty ``alpha``; the
# held-out loss is the plain metric.
from sksigmoid import SigmoidNeuronClassifier

neuron = SigmoidNeuronClassifier(
    loss="log_loss",
    learning_rate=1.0,
    early_stopping=True,
    validation_fraction=0.2,
    n_iter=200,
    tol=None,
    random_state=0,
).fit(X_train, y_train)

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(neuron.loss_curve_, label="training rows (loss_curve_)")
ax.plot(neuron.validation_loss_curve_, label="held-out rows (validation_loss_curve_)")
best = max(range(neuron.n_iter_), key=neuron.validation_scores_.__getitem__)
ax.axvline(
    best, color="0.6", ls="--", label=f"best held-out accuracy (epoch {best + 1})"
)
ax.set(xlabel="epoch", ylabel="log loss", yscale="log")
ax.set_title("A constant step of 1.0 on the log loss")
ax.legend()
fig.tight_layout()

# %%
# A callback that stops the fit
# -----------------------------
# A callback's ``on_fit_task_end`` returning True stops the fit after that
# epoch; the fit keeps the model of that epoch, and ``n_iter_`` and
# ``loss_curve_`` say so. This one stops once the model of an epoch predicts
# every training row of a truth table right.
from sksigmoid.datasets import make_truth_table


class StopWhenLearned:
    """Stop a fit at the first epoch whose model gets every training row right."""

    def setup(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(
        self, estimator, context, *, X=None, y=None, fitted_estimator=None
    ):
        if context.task_name != "epoch" or fitted_estimator is None:
            return False
        return bool(fitted_estimator.score(X, y) == 1.0)

    def teardown(self, estimator, context):
        pass


X_xor, y_xor = make_truth_table("xor", n_inputs=3, return_X_y=True)
make = dict(hidden_layer_sizes=(4,), n_iter=1000, tol=None, random_state=0)
full = SigmoidNetworkClassifier(**make).fit(X_xor, y_xor)
stopped = SigmoidNetworkClassifier(**make).set_callbacks(StopWhenLearned())
stopped.fit(X_xor, y_xor)
print(
    f"3-input XOR: stopped after {stopped.n_iter_} epochs with accuracy "
    f"{stopped.score(X_xor, y_xor):.0%}; all {full.n_iter_} epochs reach "
    f"{full.score(X_xor, y_xor):.0%}"
)

# %%
# Starting from a hand-set gate
# -----------------------------
# ``coef_init`` and ``intercept_init`` start a fit from given weights, in
# ``coef_``'s layout. A threshold unit started from the AND gate keeps it on
# the AND table (one epoch, no mistake); started from the OR gate it needs a
# few updates to move its threshold, and from zero (Rosenblatt's start) more.
from sksigmoid import ThresholdUnit, logic_gate

X_and, y_and = make_truth_table("and", n_inputs=4, return_X_y=True)
starts = {"zero start": {}}
for gate in ["or", "and"]:
    fitted_gate = logic_gate(gate, n_inputs=4)
    starts[f"{gate.upper()} gate"] = {
        "coef_init": fitted_gate.coef_,
        "intercept_init": fitted_gate.intercept_,
    }

fig, ax = plt.subplots(figsize=(7, 4))
for label, start in starts.items():
    unit = ThresholdUnit(random_state=0).fit(X_and, y_and, **start)
    ax.plot(
        range(1, unit.n_iter_ + 1),
        unit.loss_curve_,
        "o-",
        label=f"from the {label}: {unit.n_iter_} epoch{'s' * (unit.n_iter_ > 1)}",
    )
    print(f"from the {label}: n_iter_={unit.n_iter_}, weights {unit.coef_.ravel()}")
ax.set(xlabel="epoch", ylabel="mean perceptron loss")
ax.set_title("Learning 4-input AND from different starts")
ax.legend()
fig.tight_layout()
plt.show()
