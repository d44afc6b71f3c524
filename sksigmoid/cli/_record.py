"""The record ``sksigmoid fit`` saves beside a model: what it decided and read.

One schema, :class:`ModelRecord`: the type of each field is the check of the
value a file holds for it. Fields with a default are absent from the records
of models saved before ``--missing`` existed (they refuse empty cells, and
read commas).
"""

import dataclasses
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args, get_origin, get_type_hints

from sksigmoid._linear_unit import AdalineClassifier, LinearUnitRegressor
from sksigmoid._network import SigmoidNetworkClassifier, SigmoidNetworkRegressor
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid.cli._parser import TASK_NAMES
from sksigmoid.tabular._columns import ColumnPlan
from sksigmoid.tabular._dates import DATE_FORMATS
from sksigmoid.tabular._scores import SCORERS

#: ``fit --model`` choices and the estimator a record names, for each task the
#: model learns (a neuron's output is a probability: it learns no quantity).
MODELS = {
    "neuron": {"classify": SigmoidNeuronClassifier},
    "threshold": {"classify": ThresholdUnit},
    "adaline": {"classify": AdalineClassifier},
    "network": {
        "classify": SigmoidNetworkClassifier,
        "regress": SigmoidNetworkRegressor,
    },
    "linear": {"regress": LinearUnitRegressor},
}

Strings = tuple[str, ...]
Count = Annotated[int, lambda value: value > 0]


@dataclass(frozen=True)
class CrossValidation:
    """The scores of each fold of ``fit --cv``: a classifier's accuracy and
    log-loss, or a regression's R^2, MAE and RMSE (``_scores.SCORERS``)."""

    folds: Annotated[int, lambda value: value >= 2]
    seconds_per_fit: float
    accuracy: tuple[float, ...] | None = None
    log_loss: tuple[float, ...] | None = None
    r2: tuple[float, ...] | None = None
    mae: tuple[float, ...] | None = None
    rmse: tuple[float, ...] | None = None


@dataclass(frozen=True)
class ModelRecord:
    """What a model file records: the fit's choices, its data, its versions.

    Read from the file's JSON with :meth:`from_dict`, which refuses a record
    whose fields lack or mistype a value; written with :meth:`to_dict`.
    ``record[key]`` gives a field as the JSON holds it.
    """

    model: Literal[tuple(MODELS)]
    estimator: str
    target: str
    numeric_columns: Strings
    categorical_columns: Strings
    training_file: str
    training_rows: Count
    saved_at: str
    versions: dict[str, str]
    cross_validation: CrossValidation | None = None
    date_columns: dict[str, Literal[DATE_FORMATS]] = field(default_factory=dict)
    missing: Literal["impute", "drop", "error"] | None = None
    imputed_columns: dict[str, Count] = field(default_factory=dict)
    left_out_columns: dict[str, str] = field(default_factory=dict)
    rows_left_out: dict[str, Count] = field(default_factory=dict)
    separator: Annotated[str, lambda value: len(value) == 1] = ","
    decimal: Literal[".", ","] = "."
    na: Strings = ()
    word_columns: Strings = ()
    # Models saved before regression learned classes.
    task: Literal[TASK_NAMES] = "classify"

    @property
    def plan(self):
        """The kinds of the model's feature columns."""
        return ColumnPlan(
            numeric=list(self.numeric_columns),
            categorical=list(self.categorical_columns),
            dates=dict(self.date_columns),
            words=list(self.word_columns),
        )

    @property
    def imputes(self):
        """Whether the model fills empty cells (older models did not)."""
        return self.missing == "impute"

    @property
    def estimator_class(self):
        """The class of the model and task the record names (None if that
        model does not learn that task)."""
        return MODELS[self.model].get(self.task)

    def to_dict(self):
        """The record as JSON values; fields an older record lacked (or that
        another task's scores leave empty), left out."""
        return _as_json(dataclasses.asdict(self))

    def __getitem__(self, key):
        return self.to_dict()[key]

    @classmethod
    def from_dict(cls, values, damaged):
        """The record of the JSON object ``values``, every field checked.

        Raises
        ------
        ValueError
            Starting with ``damaged``: a field without a default is missing,
            or a value does not have its field's type.
        """
        record = _from_dict(cls, values, damaged, "")
        for name in SCORERS[record.task] if record.cross_validation else ():
            if getattr(record.cross_validation, name) is None:
                raise ValueError(f"{damaged}: it has no cross_validation {name!r}")
        return record


def _as_json(value):
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items() if item is not None}
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in value]
    return value


def _from_dict(cls, values, damaged, where):
    if not isinstance(values, dict):
        raise ValueError(f"{damaged}: {where.strip()} is not a JSON object")
    types = get_type_hints(cls, include_extras=True)
    known = {}
    # Required fields come first: a record lacking one is refused for it.
    for spec in dataclasses.fields(cls):
        if spec.name not in values:
            if _required(spec):
                raise ValueError(f"{damaged}: it has no {where}{spec.name!r}")
            continue
        value, kind = values[spec.name], types[spec.name]
        if dataclasses.is_dataclass(_optional(kind)):
            if value is None:
                continue  # as if absent, as records have always been read
            value = _from_dict(_optional(kind), value, damaged, f"{where}{spec.name} ")
        elif not _conforms(value, kind):
            raise ValueError(f"{damaged}: its {where}{spec.name!r} is not valid")
        known[spec.name] = _typed(value)
    return cls(**known)


def _required(spec):
    return (
        spec.default is dataclasses.MISSING
        and spec.default_factory is dataclasses.MISSING
    )


def _optional(kind):
    """``X`` of ``Optional[X]``, else ``kind``."""
    arguments = [a for a in get_args(kind) if a is not type(None)]
    return arguments[0] if len(arguments) < len(get_args(kind)) else kind


def _typed(value):
    """Lists as tuples: a frozen record holds no list."""
    return tuple(value) if isinstance(value, list) else value


def _conforms(value, kind):
    """Whether the JSON ``value`` is a ``kind``."""
    origin, arguments = get_origin(kind), get_args(kind)
    if origin is Annotated:
        return _conforms(value, arguments[0]) and all(
            check(value) for check in arguments[1:]
        )
    if origin is Literal:
        return isinstance(value, str) and value in arguments
    if kind is not _optional(kind):
        return _conforms(value, _optional(kind))
    if origin is tuple:
        return isinstance(value, list) and all(
            _conforms(item, arguments[0]) for item in value
        )
    if origin is dict:
        return isinstance(value, dict) and all(
            _conforms(key, arguments[0]) and _conforms(item, arguments[1])
            for key, item in value.items()
        )
    # JSON has no integer type apart from its numbers; true is no number.
    if isinstance(value, bool):
        return kind is bool
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)
