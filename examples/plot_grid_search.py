"""
Tuning on real data: a Pipeline with GridSearchCV, against scikit-learn's peers
===============================================================================

The estimators are ordinary scikit-learn classifiers, so the usual workflow
applies unchanged: scale in a :class:`~sklearn.pipeline.Pipeline`, tune with
:class:`~sklearn.model_selection.GridSearchCV`, and judge the tuned model on
rows it never saw. Here on the Wisconsin breast cancer data (569 tumours, 30
measurements), the sigmoid neuron is set against
:class:`~sklearn.linear_model.LogisticRegression` (the same model as the neuron
with ``loss="log_loss"``, fitted another way), and the threshold unit against
:class:`~sklearn.linear_model.Perceptron` (the same rule).
"""

# %%
# The data, as a DataFrame, and a held-out test set
# -------------------------------------------------
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)
print(f"{X_train.shape[0]} training rows, {X_test.shape[0]} test rows")

# %%
# One pipeline and one grid per model
# -----------------------------------
# Each grid is searched by 5-fold cross-validation on the training rows. The
# neuron's grid crosses the two losses with the weight decay ``alpha``;
# ``LogisticRegression``'s ``C`` and ``Perceptron``'s ``alpha`` play the part
# of its ``alpha``. The two perceptrons tune their class weights, with the
# threshold unit's stopping patience and the ``Perceptron``'s penalty.
from sklearn.linear_model import LogisticRegression, Perceptron
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit

searches = {
    "SigmoidNeuronClassifier": (
        SigmoidNeuronClassifier(random_state=0),
        {
            "loss": ["squared_error", "log_loss"],
            "alpha": [1e-4, 1e-3, 1e-2, 1e-1],
        },
    ),
    "LogisticRegression": (LogisticRegression(), {"C": [0.01, 0.1, 1, 10]}),
    "ThresholdUnit": (
        ThresholdUnit(random_state=0),
        {"class_weight": [None, "balanced"], "n_iter_no_change": [5, 20]},
    ),
    "Perceptron": (
        Perceptron(random_state=0),
        {"class_weight": [None, "balanced"], "penalty": [None, "l2"]},
    ),
}
tuned = {}
for name, (estimator, grid) in searches.items():
    step = type(estimator).__name__.lower()
    search = GridSearchCV(
        make_pipeline(StandardScaler(), estimator),
        {f"{step}__{parameter}": values for parameter, values in grid.items()},
        cv=5,
    ).fit(X_train, y_train)
    tuned[name] = search
    best = {key.split("__")[1]: value for key, value in search.best_params_.items()}
    print(
        f"{name}: best {best}, cross-validated accuracy "
        f"{search.best_score_:.3f}, test accuracy {search.score(X_test, y_test):.3f}"
    )

# %%
# Cross-validated and test accuracy
# ---------------------------------
# The error bars span the best setting's accuracy over the 5 folds, one
# standard deviation either side of their mean. The best cross-validated score
# is the best of several settings, so it flatters the models with the larger
# grids; the test rows judge them fairly. There the four are within one
# tumour of each other (one tumour is 0.006 of the 171 test rows): on this
# data a linear unit is a linear unit, however it is trained.
import matplotlib.pyplot as plt
import numpy as np

names = list(tuned)
cv_mean = [tuned[name].best_score_ for name in names]
cv_std = [
    tuned[name].cv_results_["std_test_score"][tuned[name].best_index_] for name in names
]
test_accuracy = [tuned[name].score(X_test, y_test) for name in names]
positions = np.arange(len(names))
fig, ax = plt.subplots(figsize=(9, 4))
ax.bar(positions - 0.2, cv_mean, 0.4, yerr=cv_std, capsize=4, label="5-fold CV")
ax.bar(positions + 0.2, test_accuracy, 0.4, label="held-out test")
ax.set_xticks(positions, [name.replace("Classifier", "") for name in names])
ax.set(ylim=(0.85, 1.0), ylabel="accuracy", title="Tuned pipelines, breast cancer")
ax.legend(loc="lower right")
fig.tight_layout()

# %%
# ROC curves on the test rows
# ---------------------------
# Each model ranks the test tumours by its score (``predict_proba`` where it has
# one, else ``decision_function``); the closer its curve to the top-left
# corner, the better it separates the classes at every threshold.
from sklearn.metrics import RocCurveDisplay

fig, ax = plt.subplots(figsize=(5.5, 5))
for name in names:
    RocCurveDisplay.from_estimator(tuned[name], X_test, y_test, name=name, ax=ax)
ax.set(xlim=(-0.01, 0.3), ylim=(0.7, 1.01), title="ROC, top-left corner")
fig.tight_layout()
plt.show()
