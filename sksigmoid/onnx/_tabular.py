"""The pipelines of ``sksigmoid fit`` (a :func:`~sksigmoid.tabular.make_preprocessor`
then an estimator) as ONNX models with one input per feature column."""

import copy
from itertools import count

import numpy as np
import pandas as pd
import skl2onnx
from skl2onnx.common.data_types import DoubleTensorType, StringTensorType
from sklearn.base import is_regressor
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.impute import SimpleImputer

from sksigmoid._export_names import output_names
from sksigmoid.onnx._converters import register
from sksigmoid.onnx._dates import convert_date_features, date_features_output_shape
from sksigmoid.onnx._imputer import convert_imputer, imputer_output_shape
from sksigmoid.onnx._words import (
    COUNT_OPTIONS,
    check_words,
    convert_words,
    words_output_shape,
)
from sksigmoid.tabular._dates import DateFeatures


def tabular_to_onnx(pipeline, plan):
    """Convert a fitted pipeline of a table's columns to an ONNX model whose
    inputs are the columns, named as they are.

    Numeric columns are double inputs (NaN for an empty cell); date,
    one-hot encoded and word columns are string inputs, the cells as the file
    spells them (``""`` for an empty cell). Each input has shape (N, 1). The
    outputs are ``label`` and ``probabilities`` (a regressor's ``prediction``,
    of shape (N,) for one target), unless a feature column has
    that name: the inputs keep the columns' names, whatever they are, and an
    output named as a column gets underscores appended (``label_``; see
    :func:`~sksigmoid._export_names.output_names`). A column of words is counted
    as scikit-learn counts its vocabulary of the letters A to Z, in any text
    but for two rare capitals (see :mod:`sksigmoid.onnx._words`), and its
    TF-IDF computed in doubles; one that learned words of other letters
    (``café``) is refused with a ``ValueError`` naming it, as ONNX runtimes
    lowercase them otherwise than Python.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted: :func:`~sksigmoid.tabular.make_preprocessor`'s
        ``ColumnTransformer``, then one of the package's classifiers or
        regressors; as ``sksigmoid fit`` saves it.
    plan : sksigmoid.tabular.ColumnPlan
        The kinds of its columns.

    Returns
    -------
    onx : onnx.ModelProto
        The model; refused with a ``ValueError`` unless onnxruntime loads it.

    Raises
    ------
    ValueError
        For a column of words the graph would not count as the pipeline does,
        of dates in a format it does not read, or named ``""`` (which ONNX
        takes for no input): its message names the column; or for a graph
        onnxruntime does not load.

    Examples
    --------
    >>> from importlib.resources import files
    >>> import onnxruntime
    >>> from sklearn.pipeline import make_pipeline
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.onnx import tabular_to_onnx
    >>> from sksigmoid.tabular import make_preprocessor, plan_table, read_csv
    >>> frame = read_csv(files("sksigmoid") / "data" / "penguins_train.csv")
    >>> X, y, plan = plan_table(frame, "species", id_column="id")
    >>> model = make_pipeline(
    ...     make_preprocessor(plan), SigmoidNeuronClassifier(random_state=0)
    ... ).fit(X, y)
    >>> onx = tabular_to_onnx(model, plan)
    >>> session = onnxruntime.InferenceSession(onx.SerializeToString())
    >>> [graph_input.name for graph_input in session.get_inputs()][:2]
    ['bill_length_mm', 'bill_depth_mm']
    >>> rows = X.iloc[:2]
    >>> feed = {name: rows[[name]].to_numpy() for name in plan.numeric}
    >>> feed |= {name: rows[[name]].to_numpy(str) for name in plan.categorical}
    >>> session.run(["label"], feed)[0].tolist()
    ['Adelie', 'Adelie']
    """
    # A missing package of the extra is said before any conversion starts:
    # onnxruntime is needed only at the end, to check the result.
    import onnxruntime  # noqa: F401
    import skl2onnx  # noqa: F401, F811

    if "" in plan.columns:
        raise ValueError(
            "a feature column is named '', which ONNX takes for an input left "
            "out: rename it to export the model"
        )
    for _, transformer, column in pipeline[0].transformers_:
        if isinstance(transformer, TfidfVectorizer):
            check_words(transformer, column)
    strings = [*plan.dates, *plan.categorical, *plan.words]
    tensor_types = [(name, DoubleTensorType) for name in plan.numeric] + [
        (name, StringTensorType) for name in strings
    ]
    initial_types = [(name, kind([None, 1])) for name, kind in tensor_types]
    pipeline = _empty_cells_as_empty_strings(pipeline)
    if is_regressor(pipeline):
        # skl2onnx gives the pipeline's options to its last step, and a
        # regressor has no zipmap.
        options, outputs = None, output_names(plan.columns, "regress")
    else:
        options, outputs = {id(pipeline): {"zipmap": False}}, output_names(plan.columns)
    return convert_steps(pipeline, initial_types, options=options, outputs=outputs)


def convert_steps(model, initial_types, options=None, outputs=None):
    """skl2onnx's ONNX model of ``model``, a pipeline of ``sksigmoid fit``'s
    steps (or one of them), its inputs named as the columns of
    ``initial_types`` and its outputs ``outputs`` (by default skl2onnx's
    names, unless a column takes one); refused unless onnxruntime loads it."""
    register()
    onnx_model = skl2onnx.convert_sklearn(
        model,
        initial_types=initial_types,
        options={CountVectorizer: COUNT_OPTIONS, **(options or {})},
        # Given for this conversion only: skl2onnx's own SimpleImputer and
        # TfidfVectorizer converters stay registered for the user's other models.
        custom_shape_calculators={
            SimpleImputer: imputer_output_shape,
            DateFeatures: date_features_output_shape,
            TfidfVectorizer: words_output_shape,
        },
        custom_conversion_functions={
            SimpleImputer: convert_imputer,
            DateFeatures: convert_date_features,
            TfidfVectorizer: convert_words,
        },
    )
    _name_inputs_and_outputs(onnx_model, [name for name, _ in initial_types], outputs)
    _check_loads(onnx_model)
    return onnx_model


def _check_loads(onnx_model):
    """Refuse a graph onnxruntime cannot run: a file is written only if it
    serves."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4  # the error below says it in one line
    try:
        onnxruntime.InferenceSession(
            onnx_model.SerializeToString(),
            options,
            providers=["CPUExecutionProvider"],
        )
    except Exception as error:  # onnxruntime raises its own kinds
        raise ValueError(
            f"the ONNX graph of this model does not load in onnxruntime: {error}"
        ) from None


def _empty_cells_as_empty_strings(pipeline):
    """A copy of ``pipeline`` whose one-hot encoder spells the category of the
    empty cell (NaN) as ``""``: an ONNX string tensor holds no NaN, and
    skl2onnx would write it as the text ``"nan"``, which a file may hold."""
    pipeline = copy.deepcopy(pipeline)
    for name, encoder, _ in pipeline[0].transformers_:
        if name == "categorical":
            encoder.categories_ = [
                np.array(["" if pd.isna(c) else c for c in categories], dtype=object)
                for categories in encoder.categories_
            ]
    return pipeline


def _name_inputs_and_outputs(onnx_model, columns, outputs=None):
    """Rename the graph's inputs to the columns' own names, and its outputs to
    ``outputs`` if given; any other name of the graph that they take gets a
    suffix.

    skl2onnx writes ``Culmen Length (mm)`` as ``Culmen_Length__mm_``, and names
    its outputs and inner tensors (``label``, ``cast``, ``variable1``) without
    regard to the columns; a caller feeds a table's columns by their names,
    and ONNX and onnxruntime take any string as a name, but each once.
    """
    graph = onnx_model.graph
    renamed = {
        graph_input.name: column
        for graph_input, column in zip(graph.input, columns, strict=True)
    }
    if outputs is not None:
        renamed |= {
            output.name: name
            for output, name in zip(graph.output, outputs, strict=True)
        }
    names = _tensor_names(graph)
    taken = set(renamed.values())
    used = names | taken
    for name in sorted(names - renamed.keys()):
        if name in taken:
            fresh = next(f"{name}_{i}" for i in count(1) if f"{name}_{i}" not in used)
            renamed[name] = fresh
            used.add(fresh)
    _rename_tensors(graph, renamed)


def _tensor_names(graph):
    """Every name of a tensor of ``graph``."""
    names = {value.name for value in [*graph.input, *graph.output, *graph.value_info]}
    names |= {initializer.name for initializer in graph.initializer}
    for node in graph.node:
        names.update(node.input)
        names.update(node.output)
    return names - {""}  # "" is an optional input left out


def _rename_tensors(graph, renamed):
    """Give each tensor of ``graph`` named in ``renamed`` its new name, all at
    once (an old name may be another's new one)."""
    for value in [*graph.input, *graph.output, *graph.value_info, *graph.initializer]:
        value.name = renamed.get(value.name, value.name)
    for node in graph.node:
        for names in (node.input, node.output):
            for position, name in enumerate(names):
                names[position] = renamed.get(name, name)
