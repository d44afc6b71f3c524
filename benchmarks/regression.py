"""The regressors and ADALINE against their scikit-learn peers, in one run.

Each pair is fitted behind a ``StandardScaler`` in 5-fold cross-validation
(shuffled, ``random_state=0``) on real tables with quantity targets, and the
table prints the mean held-out R^2 (accuracy for ADALINE), the mean fit time
of each side and their ratio (ours / peer), with the issue's bar:

- ``SigmoidNetworkRegressor()`` against ``MLPRegressor(activation="logistic")``:
  R^2 within 0.01 (or above), time <= 1.0x;
- ``LinearUnitRegressor()`` against ``SGDRegressor()`` (time <= 1.0x) and
  ``LinearRegression()`` (R^2 within 0.01 of both);
- ``AdalineClassifier()`` against ``Perceptron()``: accuracy within 2 points.

The tables: scikit-learn's diabetes and linnerud (three outputs), vega's cars
(miles per gallon; ``pip install vega_datasets``) and statsmodels' datasets
(``pip install statsmodels``): each is skipped, with a line, where its package
is absent. Fits run on one thread (``threadpoolctl``), as ``every_size.py``'s.

Run ``python benchmarks/regression.py`` (about a minute; ``--quick``: the
first three tables).
"""

import argparse
import time
import warnings

import pandas as pd
from sklearn.base import clone
from sklearn.datasets import (
    load_breast_cancer,
    load_diabetes,
    load_digits,
    load_iris,
    load_linnerud,
    load_wine,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, Perceptron, SGDRegressor
from sklearn.model_selection import KFold, StratifiedKFold, cross_validate
from sklearn.multioutput import MultiOutputRegressor
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from sksigmoid import AdalineClassifier, LinearUnitRegressor, SigmoidNetworkRegressor


def _frame_table(frame, target):
    """X (numbers, categories one-hot) and y of a frame's complete rows."""
    frame = frame.dropna()
    y = frame[target].to_numpy(dtype=float)
    X = pd.get_dummies(frame.drop(columns=target), drop_first=True, dtype=float)
    return X.to_numpy(dtype=float), y


def _vega_cars():
    from vega_datasets import data

    cars = data.cars().drop(columns=["Name", "Year"])
    return _frame_table(cars, "Miles_per_Gallon")


def _statsmodels(name, target, drop=()):
    def load():
        from statsmodels import datasets

        frame = getattr(datasets, name).load_pandas().data
        return _frame_table(frame.drop(columns=list(drop)), target)

    return load


#: name -> a function returning (X, y) of a table with a quantity target.
REGRESSION_TABLES = {
    "diabetes": lambda: load_diabetes(return_X_y=True),
    "linnerud (3 outputs)": lambda: load_linnerud(return_X_y=True),
    "cars MPG (vega)": _vega_cars,
    "fair: affairs (statsmodels)": _statsmodels("fair", "affairs"),
    "macrodata: realinv (statsmodels)": _statsmodels(
        "macrodata", "realinv", drop=("year", "quarter")
    ),
    "engel: foodexp (statsmodels)": _statsmodels("engel", "foodexp"),
    "stackloss (statsmodels)": _statsmodels("stackloss", "STACKLOSS"),
    "star98: NABOVE (statsmodels)": _statsmodels("star98", "NABOVE", drop=("NBELOW",)),
}

CLASSIFICATION_TABLES = {
    "breast cancer": lambda: load_breast_cancer(return_X_y=True),
    "iris": lambda: load_iris(return_X_y=True),
    "wine": lambda: load_wine(return_X_y=True),
    "digits": lambda: load_digits(return_X_y=True),
}

PAIRS = [
    (
        "network / MLP",
        SigmoidNetworkRegressor(random_state=0),
        MLPRegressor(activation="logistic", random_state=0, max_iter=2000),
    ),
    ("linear unit / SGD", LinearUnitRegressor(random_state=0), SGDRegressor()),
    (
        "linear unit / OLS",
        LinearUnitRegressor(random_state=0),
        LinearRegression(),
    ),
]


def _cross_validated(estimator, X, y, cv, scoring):
    """Mean held-out score and mean fit time of ``estimator`` behind a scaler."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        result = cross_validate(
            make_pipeline(StandardScaler(), clone(estimator)),
            X,
            y,
            cv=cv,
            scoring=scoring,
        )
    converged = not any(
        issubclass(warning.category, ConvergenceWarning) for warning in caught
    )
    return result["test_score"].mean(), result["fit_time"].mean(), converged


def _row(table, pair, ours, peer, time_bar, score_gap):
    score, seconds, converged = ours
    peer_score, peer_seconds, _ = peer
    ratio = seconds / peer_seconds
    holds = score >= peer_score - score_gap and (time_bar is None or ratio <= time_bar)
    return {
        "table": table,
        "pair": pair,
        "ours": round(score, 4),
        "peer": round(peer_score, 4),
        "ours s": round(seconds, 4),
        "peer s": round(peer_seconds, 4),
        "ratio": round(ratio, 2),
        "no warning": converged,
        "bar": "holds" if holds and converged else "missed",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first tables")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = []
    regression_tables = list(REGRESSION_TABLES.items())
    classification_tables = list(CLASSIFICATION_TABLES.items())
    if args.quick:
        regression_tables, classification_tables = (
            regression_tables[:3],
            classification_tables[:1],
        )
    with threadpool_limits(1):
        # The first fits of a process import and compile what later ones reuse.
        X, y = load_diabetes(return_X_y=True)
        for _, ours, peer in PAIRS:
            _cross_validated(ours, X, y, KFold(2), "r2")
            _cross_validated(peer, X, y, KFold(2), "r2")
        for table, load in regression_tables:
            try:
                X, y = load()
            except ImportError as error:
                print(f"{table}: skipped ({error})")
                continue
            cv = KFold(5, shuffle=True, random_state=0)
            for pair, ours, peer in PAIRS:
                if y.ndim == 2 and isinstance(peer, SGDRegressor):
                    # SGDRegressor learns one output: one per output.
                    peer = MultiOutputRegressor(peer)
                time_bar = None if "OLS" in pair else 1.0
                rows.append(
                    _row(
                        f"{table} {X.shape[0]}x{X.shape[1]}",
                        pair,
                        _cross_validated(ours, X, y, cv, "r2"),
                        _cross_validated(peer, X, y, cv, "r2"),
                        time_bar,
                        0.01,
                    )
                )
        for table, load in classification_tables:
            X, y = load()
            cv = StratifiedKFold(5, shuffle=True, random_state=0)
            rows.append(
                _row(
                    f"{table} {X.shape[0]}x{X.shape[1]}",
                    "ADALINE / Perceptron",
                    _cross_validated(AdalineClassifier(random_state=0), X, y, cv, None),
                    _cross_validated(Perceptron(random_state=0), X, y, cv, None),
                    None,
                    0.02,
                )
            )
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(pd.DataFrame(rows).to_string(index=False))
    print(f"{sum(row['bar'] == 'holds' for row in rows)}/{len(rows)} hold")
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
