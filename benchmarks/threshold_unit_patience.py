"""How often ThresholdUnit stops short of a separable truth table, by patience.

On separable data the perceptron loss jumps up and down before it reaches zero,
so the tol rule can stop the unit before an epoch without a mistake. This prints,
for each ``n_iter_no_change``, how many seeded fits of the AND, OR, NAND, NOR and
majority tables with 2 to 4 inputs end with a training accuracy below 1.

    python benchmarks/threshold_unit_patience.py [n_seeds]
"""

import sys

from sksigmoid import ThresholdUnit
from sksigmoid.datasets import make_truth_table

TABLES = [
    make_truth_table(name, n_inputs, return_X_y=True)
    for name in ["and", "or", "nand", "nor", "majority"]
    for n_inputs in [2, 3, 4]
]


def stopped_short(n_iter_no_change, seeds):
    return sum(
        ThresholdUnit(n_iter_no_change=n_iter_no_change, random_state=seed)
        .fit(X, y)
        .score(X, y)
        < 1
        for X, y in TABLES
        for seed in seeds
    )


if __name__ == "__main__":
    seeds = range(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    runs = len(TABLES) * len(seeds)
    print("n_iter_no_change  stopped short")
    for patience in [5, 10, 20, 30]:
        print(f"{patience:>16}  {stopped_short(patience, seeds)} of {runs}")
