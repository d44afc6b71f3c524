"""The target encoder and the sample weights of ``_engine._targets``, against
scikit-learn's own encoders and weights."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils.class_weight import compute_sample_weight

from sksigmoid._engine._data import hold_out
from sksigmoid._engine._targets import TargetEncoder, sample_weights

LABELS = {
    "binary": np.array(["no", "yes", "yes", "no", "yes"], dtype=object),
    "multiclass": np.array([2, 0, 1, 2, 2, 0]),
    "multilabel-indicator": np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0]]),
}


@pytest.mark.parametrize("kind", sorted(LABELS))
def test_encoding_is_label_binarizers(kind):
    y = LABELS[kind]
    encoder = TargetEncoder.from_labels(y, "Unit")
    assert encoder.target_type == kind
    expected = LabelBinarizer().fit(y)
    assert_array_equal(encoder.classes, expected.classes_)
    targets = encoder.encode(y)
    assert targets.dtype == bool and encoder.n_units == targets.shape[1]
    assert_array_equal(targets, expected.transform(y).astype(bool))


@pytest.mark.parametrize("kind", sorted(LABELS))
def test_decoding_the_targets_gives_the_labels_back(kind):
    y = LABELS[kind]
    encoder = TargetEncoder.from_labels(y, "Unit")
    margins = np.where(encoder.encode(y), 1.0, -1.0)
    if kind == "binary":
        margins = margins.ravel()
    assert_array_equal(encoder.decode(margins), y)


def test_a_chunk_is_encoded_by_the_classes_given():
    encoder = TargetEncoder.from_classes(np.array([0, 1, 2]), np.array([2, 2]))
    assert encoder.target_type == "multiclass"
    assert_array_equal(encoder.encode(np.array([2, 2])), [[0, 0, 1], [0, 0, 1]])


@pytest.mark.parametrize(
    "classes, y, message",
    [
        ([0, 1], [0, 3], r"labels \[3\] that are not in classes \[0, 1\]"),
        ([0], [0, 0], "at least 2 classes"),
        ([0, 2], [[0, 1], [1, 0]], r"needs classes=arange\(2\)"),
    ],
)
def test_a_chunk_outside_its_classes_is_refused(classes, y, message):
    with pytest.raises(ValueError, match=message):
        TargetEncoder.from_classes(np.array(classes), np.array(y))


def test_continuous_targets_are_refused_with_scikit_learns_message():
    with pytest.raises(ValueError, match="Unknown label type"):
        TargetEncoder.from_labels(np.array([0.5, 1.5, 2.25]), "Unit")


def test_a_continued_encoding_must_keep_kind_and_classes():
    previous = TargetEncoder("binary", np.array([0, 1]))
    TargetEncoder("binary", np.array([0, 1])).check_continues(
        previous, incremental=False
    )
    with pytest.raises(ValueError, match="warm_start can only continue"):
        TargetEncoder("binary", np.array([0, 2])).check_continues(
            previous, incremental=False
        )
    with pytest.raises(ValueError, match="the kind of target cannot change"):
        TargetEncoder("multilabel-indicator", np.array([0, 1])).check_continues(
            previous, incremental=True
        )


@pytest.mark.parametrize(
    "kind, class_weight",
    [
        ("multiclass", "balanced"),
        ("multiclass", {0: 1.0, 1: 3.0, 2: 0.5}),
        # scikit-learn takes one dict per output for several outputs.
        ("multilabel-indicator", "balanced"),
    ],
)
def test_sample_weights_are_compute_sample_weights(kind, class_weight):
    y = LABELS[kind]
    X = np.zeros((len(y), 2))
    given = np.arange(1.0, len(y) + 1)
    encoder = TargetEncoder.from_labels(y, "Unit")
    weights = sample_weights(given, X, y, encoder, class_weight)
    # Divided by the largest: only the ratios matter to a model.
    expected = given * compute_sample_weight(class_weight, y)
    assert_allclose(weights, expected / expected.max())


def test_block_class_weights_are_those_of_the_whole_data():
    """Check that a block's weights, from class weights computed on the whole
    labels, equal the weights of those rows in the whole data."""
    y = np.array([0, 0, 0, 1, 1, 2])
    encoder = TargetEncoder.from_labels(y, "Unit")
    per_class = encoder.class_weights("balanced", np.bincount(y))
    block = y[2:5]
    assert_allclose(
        encoder.sample_class_weights(block, per_class),
        compute_sample_weight("balanced", y)[2:5],
    )


def test_all_zero_weights_are_refused():
    y = np.array([0, 1, 1])
    encoder = TargetEncoder.from_labels(y, "Unit")
    with pytest.raises(ValueError, match="all zero"):
        sample_weights(np.array([1.0, 0, 0]), np.zeros((3, 1)), y, encoder, {0: 0})


def test_hold_out_is_stratified():
    labels = np.array([0] * 80 + [1] * 20)
    train, validation = hold_out(100, 0.1, labels, np.random.RandomState(0))
    assert len(validation) == 10 and np.bincount(labels[validation]).tolist() == [8, 2]
    assert sorted([*train, *validation]) == list(range(100))
