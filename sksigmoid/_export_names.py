"""The names of the outputs of ``sksigmoid export``'s ONNX graph, decided
without the onnx extra, so that ``sksigmoid info`` says them too.

The inputs are the feature columns, named as they are; the outputs give way to
them: a column may have any name, and a caller feeds the columns by name.
"""

#: The outputs, as ``predict`` and ``predict_proba`` return them.
OUTPUTS = ("label", "probabilities")


def output_names(columns):
    """The names of the graph's outputs for these feature columns: ``label``
    and ``probabilities``, each with underscores appended while a column has
    its name.

    Parameters
    ----------
    columns : sequence of str
        The feature columns, the graph's inputs.

    Returns
    -------
    names : list of str
        The names of the labels and of the probabilities.

    Examples
    --------
    >>> from sksigmoid._export_names import output_names
    >>> output_names(["bill_length_mm", "island"])
    ['label', 'probabilities']
    >>> output_names(["label", "label_", "x"])
    ['label__', 'probabilities']
    """
    taken = set(columns)
    names = []
    for name in OUTPUTS:
        while name in taken:
            name += "_"
        names.append(name)
    return names
