"""The names of the outputs of ``sksigmoid export``'s ONNX graph, decided
without the onnx extra, so that ``sksigmoid info`` says them too.

The inputs are the feature columns, named as they are; the outputs give way to
them: a column may have any name, and a caller feeds the columns by name.
"""

#: The outputs of each task's graph: a classifier's as ``predict`` and
#: ``predict_proba`` return them, a regression's as ``predict`` does.
OUTPUTS = {"classify": ("label", "probabilities"), "regress": ("prediction",)}


def output_names(columns, task="classify"):
    """The names of the graph's outputs for these feature columns: ``label``
    and ``probabilities`` (``prediction`` for a regression), each with
    underscores appended while a column has its name.

    Parameters
    ----------
    columns : sequence of str
        The feature columns, the graph's inputs.
    task : {"classify", "regress"}, default="classify"
        The model's task (``sksigmoid fit --task``).

    Returns
    -------
    names : list of str
        The names of the labels and of the probabilities, or of the
        predictions.

    Examples
    --------
    >>> from sksigmoid._export_names import output_names
    >>> output_names(["bill_length_mm", "island"])
    ['label', 'probabilities']
    >>> output_names(["label", "label_", "x"])
    ['label__', 'probabilities']
    >>> output_names(["prediction"], task="regress")
    ['prediction_']
    """
    taken = set(columns)
    names = []
    for name in OUTPUTS[task]:
        while name in taken:
            name += "_"
        names.append(name)
    return names
