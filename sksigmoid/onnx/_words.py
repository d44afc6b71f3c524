"""scikit-learn's ``TfidfVectorizer`` as ONNX nodes: skl2onnx's counts of the
words, then the TF-IDF in double precision.

skl2onnx's own converter computes the TF-IDF in float32, takes
``log(1 + tf)`` for ``sublinear_tf`` where scikit-learn takes ``1 + log(tf)``,
and lowercases in the ``en_US.UTF-8`` locale, without which onnxruntime
refuses to load the graph (this machine has none). Here skl2onnx's
``CountVectorizer`` converter counts the words, lowercased in the ``C`` locale,
which every system has, and split by scikit-learn's token pattern written for
RE2; the rest is scikit-learn's arithmetic, in doubles. In the ``C`` locale
only the letters A to Z are lowercased, so a vocabulary of other letters is
refused (:func:`check_words`). With a vocabulary of A to Z, digits and
underscores, the graph counts what scikit-learn counts in any text (accents,
other capitals and scripts, combining marks: a word that holds them is no word
of the vocabulary either way), but for the two capitals whose lowercase is
ASCII: the Kelvin sign (U+212A, ``k`` to Python) and Turkish ``İ``
(``i`` and a combining dot, to Python: ``İstanbul`` counts ``stanbul``).
"""

import numpy as np
from onnx import TensorProto
from skl2onnx._supported_operators import sklearn_operator_name_map
from skl2onnx.common.data_types import DoubleTensorType, FloatTensorType
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from sksigmoid.onnx._graph import GraphBuilder

#: ``TfidfVectorizer``'s default ``token_pattern``, ``(?u)\b\w\w+\b`` (two or
#: more letters, digits or underscores), in the RE2 that onnxruntime's
#: Tokenizer runs, whose ``\w`` and ``\b`` know ASCII only.
TOKEN_PATTERN = r"[\pL\pN_]{2,}"

#: skl2onnx's options of the counts (see the module's docstring).
COUNT_OPTIONS = {"locale": "C", "tokenexp": TOKEN_PATTERN}


#: The parameters that decide what a word is, which the graph takes as
#: :func:`~sksigmoid.tabular.make_preprocessor` sets them (the defaults).
WORD_PARAMETERS = (
    "analyzer",
    "lowercase",
    "ngram_range",
    "preprocessor",
    "strip_accents",
    "token_pattern",
    "tokenizer",
)


def check_words(vectorizer, column):
    """Refuse a fitted ``TfidfVectorizer`` whose graph would not compute what it
    does, in a ``ValueError`` naming ``column``: one that finds words otherwise
    than :func:`~sksigmoid.tabular.make_preprocessor`'s, or one that learned a
    word of letters beyond A to Z (``café``), which ONNX runtimes do not
    lowercase as Python does."""
    built = TfidfVectorizer()
    changed = [
        name
        for name in WORD_PARAMETERS
        if getattr(vectorizer, name) != getattr(built, name)
    ]
    if changed:
        raise ValueError(
            f"column {column!r}: its TfidfVectorizer sets {', '.join(changed)}, "
            "which its ONNX graph would not follow, so it is not exported"
        )
    beyond = sorted(word for word in vectorizer.vocabulary_ if not word.isascii())
    if beyond:
        raise ValueError(
            f"column {column!r} learned {len(beyond)} words of letters beyond A to "
            f"Z (such as {beyond[0]!r}), which ONNX runtimes lowercase otherwise "
            "than scikit-learn: its graph would not match the model, so it is not "
            "exported"
        )


def words_output_shape(operator):
    """A ``TfidfVectorizer``: one double column per word of its vocabulary."""
    n_rows = operator.inputs[0].get_first_dimension()
    width = len(operator.raw_operator.vocabulary_)
    operator.outputs[0].type = DoubleTensorType([n_rows, width])


def convert_words(scope, operator, container):
    """skl2onnx's counts of the words, then, in doubles, ``1 + log(tf)`` with
    ``sublinear_tf``, times the ``idf_``, over each row's norm (rows without a
    known word stay zero), as scikit-learn computes them."""
    vectorizer = operator.raw_operator
    # A CountVectorizer of the same vocabulary: skl2onnx converts it with its
    # own converter, where the TfidfVectorizer would come back here.
    counter = CountVectorizer(
        **{
            name: value
            for name, value in vectorizer.get_params().items()
            if name in CountVectorizer().get_params()
        }
    )
    counter.vocabulary_ = vectorizer.vocabulary_
    counting = scope.declare_local_operator(
        sklearn_operator_name_map[CountVectorizer], counter
    )
    counting.inputs = operator.inputs
    width = len(vectorizer.vocabulary_)
    counts = scope.declare_local_variable("counts", FloatTensorType([None, width]))
    counting.outputs.append(counts)

    graph = GraphBuilder(scope, container, np.float64)
    tf = graph.cast(counts.full_name)
    if vectorizer.sublinear_tf:
        logged = graph.node("Add", graph.node("Log", tf), graph.scalar(1.0))
        tf = graph.node(
            "Where", graph.node("Greater", tf, graph.scalar(0.0)), logged, tf
        )
    if vectorizer.use_idf:
        tf = graph.node("Mul", tf, graph.constant(vectorizer.idf_))
    output = operator.outputs[0].full_name
    if vectorizer.norm is None:
        graph.node("Identity", tf, output=output)
        return
    axes = graph.constant([1], TensorProto.INT64, "axes")
    reduce = {"l1": "ReduceL1", "l2": "ReduceL2"}[vectorizer.norm]
    norms = graph.node(reduce, tf, axes, keepdims=1)
    zero = graph.node("Equal", norms, graph.scalar(0.0))
    norms = graph.node("Where", zero, graph.scalar(1.0), norms)
    graph.node("Div", tf, norms, output=output)
