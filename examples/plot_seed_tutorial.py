"""
The classic sigmoid-neuron tutorial, reproduced
===============================================

GeeksforGeeks' "Implementing Artificial Neural Network training process in
Python" trains one sigmoid neuron without a bias on three examples, where the
answer is the third input, and asks it about ``[1, 0, 1]``. It prints 0.65980921
after 10 iterations, 0.87680541 after 100 and 0.9897704 after 10000.

Its loop adds ``X.T @ ((T - o) * o * (1 - o))`` to the weights: the delta rule,
summed over the examples. :class:`~sksigmoid.SigmoidNeuronClassifier` averages
the update instead, so ``learning_rate=3.0`` (the number of examples) is the
tutorial's step. With no bias, no weight decay, no stopping rule and the seed
the tutorial's numbers came from, it reproduces them to every printed digit.
"""

# %%
# The tutorial's data and its loop
# --------------------------------
# The loop is transcribed line by line, with NumPy's generator seeded to 1 as
# the printed numbers need. It records the prediction after every iteration.
import numpy as np

X = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
y = np.array([1, 0, 1])
query = np.array([[1, 0, 1]])
printed = {10: 0.65980921, 100: 0.87680541, 10000: 0.9897704}

synaptic_weights = 2 * np.random.RandomState(1).random_sample((3, 1)) - 1
loop_predictions = []
for _ in range(10000):
    output = 1 / (1 + np.exp(-(X @ synaptic_weights)))
    synaptic_weights += X.T @ ((y[:, np.newaxis] - output) * output * (1 - output))
    loop_predictions.append(1 / (1 + np.exp(-(query @ synaptic_weights)))[0, 0])

# %%
# The same neuron as a scikit-learn estimator
# -------------------------------------------
# ``n_iter`` is the number of iterations; ``tol=None`` turns the stopping rule
# off so that every fit runs them all.
from sksigmoid import SigmoidNeuronClassifier


def tutorial_neuron(n_iter):
    return SigmoidNeuronClassifier(
        n_iter=n_iter,
        learning_rate=3.0,
        alpha=0,
        fit_intercept=False,
        random_state=1,
        tol=None,
    ).fit(X, y)


for n_iter in [10, 100, 1000, 10000]:
    proba = tutorial_neuron(n_iter).predict_proba(query)[0, 1]
    tutorial = f"{printed[n_iter]:.8f}" if n_iter in printed else "(not printed)"
    print(f"{n_iter:>5} iterations: sksigmoid {proba:.8f}, tutorial {tutorial}")

# %%
# The prediction against the number of iterations
# -----------------------------------------------
# The estimator is fitted afresh for each number of iterations; its
# predictions lie on the loop's curve, and on the tutorial's printed numbers.
import matplotlib.pyplot as plt

iterations = np.unique(np.logspace(0, 4, 17).round().astype(int))
estimator_predictions = [
    tutorial_neuron(n_iter).predict_proba(query)[0, 1] for n_iter in iterations
]

fig, ax = plt.subplots(figsize=(7, 4.5))
ax.plot(np.arange(1, 10001), loop_predictions, color="0.6", label="the tutorial's loop")
ax.plot(
    iterations,
    estimator_predictions,
    "o",
    markerfacecolor="none",
    label="SigmoidNeuronClassifier(n_iter=...)",
)
ax.plot(
    list(printed),
    list(printed.values()),
    "x",
    color="tab:red",
    markersize=10,
    label="printed in the tutorial",
)
for n_iter in [10, 100, 1000, 10000]:
    proba = loop_predictions[n_iter - 1]
    ax.annotate(
        f"{proba:.4f}",
        (n_iter, proba),
        textcoords="offset points",
        xytext=(-10, -18),
        fontsize=9,
    )
ax.set(
    xscale="log",
    xlabel="iterations",
    ylabel="P(answer is 1 | [1, 0, 1])",
    title="The tutorial's neuron learns that the answer is the third input",
)
ax.legend(loc="upper left")
fig.tight_layout()
plt.show()
