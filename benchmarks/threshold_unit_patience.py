"""How often ThresholdUnit stops short of a separable truth table, by patience.

On separable data the perceptron loss jumps up and down before it reaches zero,
so the tol rule can stop the unit before an epoch without a mistake. A table of
a few rows makes only a few updates an epoch, so ThresholdUnit also requires
the epochs without improvement to hold 200 updates. This prints, for each
``n_iter_no_change`` with and without that requirement, how many seeded fits of
the AND, OR, NAND, NOR and majority tables with 2 to 8 inputs end with a
training accuracy below 1, and the most epochs a fit took.

    python benchmarks/threshold_unit_patience.py [n_seeds]
"""

import sys

from sksigmoid import ThresholdUnit
from sksigmoid.datasets import make_truth_table

TABLES = [
    make_truth_table(name, n_inputs, return_X_y=True)
    for name in ["and", "or", "nand", "nor", "majority"]
    for n_inputs in range(2, 9)
]


def stopped_short(n_iter_no_change, min_updates, seeds):
    """Fits below a training accuracy of 1, and the most epochs of any fit."""
    short, most_epochs = 0, 0
    for X, y in TABLES:
        for seed in seeds:
            unit = ThresholdUnit(n_iter_no_change=n_iter_no_change, random_state=seed)
            unit._stopping_settings = {"min_updates": min_updates}
            short += unit.fit(X, y).score(X, y) < 1
            most_epochs = max(most_epochs, unit.n_iter_)
    return short, most_epochs


if __name__ == "__main__":
    seeds = range(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    runs = len(TABLES) * len(seeds)
    print("n_iter_no_change  min updates  stopped short  most epochs")
    for patience in [5, 10]:
        for min_updates in [0, 100, 200]:
            short, most_epochs = stopped_short(patience, min_updates, seeds)
            row = f"{patience:>16}  {min_updates:>11}  {short:>5} of {runs}"
            print(f"{row}  {most_epochs:>11}")
