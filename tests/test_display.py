"""The displays: UnitDiagramDisplay draws the weights an estimator holds, and
TrainingDisplay the models a fit passes through, which are fresh fits of that
many epochs."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_blobs
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import (
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkClassifier,
    SigmoidNetworkRegressor,
    SigmoidNeuronClassifier,
    ThresholdUnit,
    logic_gate,
)
from sksigmoid._engine import _callbacks
from sksigmoid.datasets import make_truth_table
from sksigmoid.display import TrainingDisplay, UnitDiagramDisplay
from sksigmoid.display._training import _evenly_chosen

# The displays import matplotlib only to draw, so this module's imports above
# work without it.
pytest.importorskip("matplotlib").use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")
same_color = pytest.importorskip("matplotlib.colors").same_color
patches = pytest.importorskip("matplotlib.patches")

OR = make_truth_table("or", 2, return_X_y=True)
XOR = make_truth_table("xor", 2, return_X_y=True)
AND = make_truth_table("and", 2, return_X_y=True)

#: name -> (estimator, its truth table) for TrainingDisplay, which refits a
#: clone: the gate's is the ThresholdUnit logic_gate returns, seeded, since its
#: perceptron rule visits the rows in a shuffled order.
TRAINED = {
    "gate": (logic_gate("and").set_params(random_state=0), AND),
    "neuron": (SigmoidNeuronClassifier(random_state=0), OR),
    "network": (SigmoidNetworkClassifier(hidden_layer_sizes=(3,), random_state=0), XOR),
    "adaline": (AdalineClassifier(random_state=0), AND),
}

#: A small regression: two features, a target of another scale.
X_SUM = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0], [0.5, 2.0]])
Y_SUM = 30 + 10 * X_SUM[:, 0] - 5 * X_SUM[:, 1] + np.array([1, -1, 0, 1, -1])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def fitted():
    """name -> the fitted estimator the diagram tests draw."""
    return {
        "gate": logic_gate("and"),
        "neuron": clone(TRAINED["neuron"][0]).fit(*OR),
        "network": clone(TRAINED["network"][0]).fit(*XOR),
        "adaline": clone(TRAINED["adaline"][0]).fit(*AND),
        "linear regressor": LinearUnitRegressor(random_state=0).fit(X_SUM, Y_SUM),
        "network regressor": SigmoidNetworkRegressor(
            hidden_layer_sizes=(3,), random_state=0
        ).fit(X_SUM, np.c_[Y_SUM, -Y_SUM]),
    }


def layers(estimator):
    """The estimator's weights as (coefs, intercepts) in MLPClassifier's layout."""
    if hasattr(estimator, "coefs_"):
        return estimator.coefs_, estimator.intercepts_
    # A regressor's coef_ is 1-D for a 1-D y.
    return [np.atleast_2d(estimator.coef_).T], [estimator.intercept_]


@pytest.mark.parametrize(
    "name",
    ["gate", "neuron", "network", "adaline", "linear regressor", "network regressor"],
)
def test_unit_diagram_draws_a_circle_per_unit_and_a_line_per_weight(name, fitted):
    estimator = fitted[name]
    display = UnitDiagramDisplay.from_estimator(estimator)
    coefs, _ = layers(estimator)
    assert len(display.input_artists_) == estimator.n_features_in_
    assert [len(units) for units in display.unit_artists_] == [
        coef.shape[1] for coef in coefs
    ]
    assert [(len(lines), len(lines[0])) for lines in display.connection_artists_] == [
        coef.shape for coef in coefs
    ]
    assert display.ax_.figure is display.figure_


def test_unit_diagram_colours_a_weight_by_its_sign(fitted):
    network = fitted["network"]
    display = UnitDiagramDisplay.from_estimator(
        network, positive_color="green", negative_color="purple"
    )
    for coef, lines in zip(network.coefs_, display.connection_artists_, strict=True):
        for (k, j), weight in np.ndenumerate(coef):
            expected = "green" if weight > 0 else "purple"
            assert same_color(lines[k][j].get_color(), expected)
    # NAND's textbook weights are -1: every line has the negative colour.
    nand = UnitDiagramDisplay.from_estimator(logic_gate("nand", n_inputs=3))
    for (line,) in nand.connection_artists_[0]:
        assert same_color(line.get_color(), "tab:red")


def test_unit_diagram_line_width_grows_with_the_weight_magnitude(fitted):
    network = fitted["network"]
    display = UnitDiagramDisplay.from_estimator(network, max_linewidth=6.0)
    largest = max(np.abs(coef).max() for coef in network.coefs_)
    weights, widths = [], []
    for coef, lines in zip(network.coefs_, display.connection_artists_, strict=True):
        for (k, j), weight in np.ndenumerate(coef):
            weights.append(abs(weight))
            widths.append(lines[k][j].get_linewidth())
    order = np.argsort(weights)
    assert np.all(np.diff(np.asarray(widths)[order]) > 0)
    # From 0.5 for a zero weight to max_linewidth for the largest, linearly.
    np.testing.assert_allclose(widths, 0.5 + 5.5 * np.asarray(weights) / largest)
    assert max(widths) == pytest.approx(6.0)


@pytest.mark.parametrize(
    "gate, n_inputs, shown",
    [("and", 2, "θ=1.5"), ("and", 3, "θ=2.5"), ("or", 4, "θ=0.5")],
)
def test_unit_diagram_shows_the_threshold_of_a_gate(gate, n_inputs, shown):
    """Check that a threshold unit shows theta = -intercept_: the textbook
    threshold (n for AND, 1 for OR) less the half-step logic_gate puts it at."""
    unit = logic_gate(gate, n_inputs=n_inputs)
    display = UnitDiagramDisplay.from_estimator(unit)
    assert display.text_artists_["units"][0][0].get_text() == shown
    assert -unit.intercept_[0] == float(shown.removeprefix("θ="))


def test_unit_diagram_shows_the_bias_of_a_sigmoid_unit(fitted):
    network = fitted["network"]
    display = UnitDiagramDisplay.from_estimator(network)
    for intercept, texts in zip(
        network.intercepts_, display.text_artists_["units"], strict=True
    ):
        assert [text.get_text() for text in texts] == [
            f"b={round(float(b), 2):g}" for b in intercept
        ]


@pytest.mark.parametrize(
    "name, title",
    [
        ("adaline", "linear output"),
        ("linear regressor", "linear output"),
        ("network regressor", "linear outputs"),
    ],
)
def test_unit_diagram_draws_linear_output_units_as_squares_with_their_bias(
    name, title, fitted
):
    """Check that ADALINE's and the regressors' output units, linear, are
    squares showing b (the threshold units' would show theta = -b), and hidden
    sigmoid units circles."""
    estimator = fitted[name]
    display = UnitDiagramDisplay.from_estimator(estimator)
    *hidden, outputs = display.unit_artists_
    assert all(isinstance(unit, patches.Rectangle) for unit in outputs)
    assert all(isinstance(unit, patches.Circle) for layer in hidden for unit in layer)
    _, intercepts = layers(estimator)
    assert [text.get_text() for text in display.text_artists_["units"][-1]] == [
        f"b={round(float(b), 2):g}" for b in intercepts[-1]
    ]
    assert display.text_artists_["layers"][-1].get_text() == title
    neuron = UnitDiagramDisplay.from_estimator(fitted["neuron"])
    assert isinstance(neuron.unit_artists_[-1][0], patches.Circle)
    assert neuron.text_artists_["layers"][-1].get_text() == "output"


def test_unit_diagram_writes_the_weights_of_a_small_diagram_only(fitted):
    display = UnitDiagramDisplay.from_estimator(fitted["gate"])
    assert [[text.get_text()] for (text,) in display.text_artists_["weights"][0]] == [
        ["1"],
        ["1"],
    ]
    X, y = make_truth_table("majority", 5, return_X_y=True)
    wide = SigmoidNetworkClassifier(hidden_layer_sizes=(6,), n_iter=5, tol=None)
    wide.set_params(random_state=0).fit(X, y)
    # 5 * 6 + 6 * 1 = 36 connections: more than 30, no weight written...
    assert UnitDiagramDisplay.from_estimator(wide).text_artists_["weights"] == [
        None,
        None,
    ]
    # ...unless asked for.
    asked = UnitDiagramDisplay.from_estimator(wide, show_weights=True)
    assert len(asked.text_artists_["weights"][0]) == 5


def test_unit_diagram_names_inputs_and_outputs_from_the_fitted_estimator():
    X, y = make_truth_table("or", 2, return_X_y=True, as_frame=True)
    X = X.rename(columns={"x1": "rain", "x2": "sprinkler"})
    labels = np.where(y == 1, "wet", "dry")
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, labels)
    display = UnitDiagramDisplay.from_estimator(neuron)
    assert [text.get_text() for text in display.text_artists_["inputs"]] == [
        "rain",
        "sprinkler",
    ]
    # One unit for a binary target: the probability of classes_[1].
    assert [text.get_text() for text in display.text_artists_["outputs"]] == ["→ wet"]
    renamed = UnitDiagramDisplay.from_estimator(neuron, feature_names=["a", "b"])
    assert [text.get_text() for text in renamed.text_artists_["inputs"]] == ["a", "b"]


def test_unit_diagram_draws_on_the_axes_given(fitted):
    _, ax = plt.subplots()
    display = UnitDiagramDisplay.from_estimator(fitted["neuron"], ax=ax)
    assert display.ax_ is ax and display.figure_ is ax.figure


@pytest.mark.parametrize(
    "estimator",
    [
        SigmoidNeuronClassifier(),
        ThresholdUnit(),
        SigmoidNetworkClassifier(hidden_layer_sizes=(3,)),
    ],
    ids=lambda estimator: type(estimator).__name__,
)
def test_unit_diagram_of_an_unfitted_estimator_raises_not_fitted(estimator):
    with pytest.raises(NotFittedError):
        UnitDiagramDisplay.from_estimator(estimator)


def test_unit_diagram_refuses_layers_that_do_not_chain():
    coefs = [np.ones((2, 3)), np.ones((2, 1))]
    with pytest.raises(ValueError, match="Layer 1 takes 2 inputs"):
        UnitDiagramDisplay(
            coefs, [np.zeros(3), np.zeros(1)], threshold_units=False
        ).plot()
    with pytest.raises(ValueError, match="intercepts"):
        UnitDiagramDisplay(coefs[:1], [np.zeros(2)], threshold_units=False).plot()


@pytest.mark.parametrize("sizes", [(4, 100, 1), (64, 500, 10)])
def test_unit_diagram_of_large_layers_is_summarised_with_nothing_clipped(sizes):
    """Regression: 100 hidden units clipped the titles; 500 took 8 s to draw
    and 10 s to save, unreadable."""
    rng = np.random.RandomState(0)
    coefs = [
        rng.normal(size=shape) for shape in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    intercepts = [rng.normal(size=n) for n in sizes[1:]]
    display = UnitDiagramDisplay(coefs, intercepts, threshold_units=False).plot()
    assert [len(shown) for shown in display.shown_nodes_] == [min(n, 16) for n in sizes]
    hidden = display.shown_nodes_[1]
    assert hidden.tolist() == [*range(8), *range(sizes[1] - 8, sizes[1])]
    omitted = [text.get_text() for text in display.text_artists_["omitted"]]
    assert omitted[-1] == f"⋮\n{sizes[1] - 16} more"
    # The line drawn from the last input shown to the last unit shown is that
    # weight's, by its sign.
    last_line = display.connection_artists_[0][-1][-1]
    weight = coefs[0][display.shown_nodes_[0][-1], hidden[-1]]
    expected = "tab:blue" if weight > 0 else "tab:red"
    assert same_color(last_line.get_color(), expected)
    assert len(display.unit_artists_[0]) == len(display.connection_artists_[0][0])
    # Every text inside the figure.
    figure = display.figure_
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    for group in display.text_artists_.values():
        for text in _flattened(group):
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1 + 0.5, text.get_text()
    plt.close(figure)


def _flattened(group):
    if group is None:
        return []
    if isinstance(group, list):
        return [text for item in group for text in _flattened(item)]
    return [group]


@pytest.fixture(scope="module")
def trained():
    """name -> the TrainingDisplay of TRAINED[name], drawn at epochs 1 and 3."""
    displays = {}
    for name, (estimator, (X, y)) in TRAINED.items():
        displays[name] = TrainingDisplay.from_estimator(estimator, X, y, epochs=[1, 3])
    plt.close("all")
    return displays


@pytest.mark.parametrize("name", TRAINED)
def test_training_display_draws_a_boundary_per_epoch_and_the_loss(name, trained):
    display = trained[name]
    estimator, (X, y) = TRAINED[name]
    display.plot()
    assert len(display.ax_) == len(display.epochs) + 1 == 3
    assert all(ax.has_data() for ax in display.ax_)
    assert len(display.surface_artists_) == len(display.scatter_artists_) == 2
    reference = clone(estimator).fit(X, y)
    np.testing.assert_allclose(display.loss_line_.get_ydata(), reference.loss_curve_)
    np.testing.assert_array_equal(display.loss_markers_.get_xdata(), [1, 3])
    np.testing.assert_allclose(
        display.loss_markers_.get_ydata(), np.asarray(reference.loss_curve_)[[0, 2]]
    )
    # The last recorded model is the fitted one.
    final = display.model_at(len(reference.loss_curve_))
    np.testing.assert_array_equal(final.predict(X), reference.predict(X))


@pytest.mark.parametrize("name", TRAINED)
def test_training_display_records_the_model_of_a_fit_that_many_epochs_long(
    name, trained
):
    """Check that the model of epoch k is a fresh fit with n_iter=k, tol=None."""
    display = trained[name]
    estimator, (X, y) = TRAINED[name]
    recorded = sorted(display.coefs_by_epoch)
    last = recorded[-1]
    assert recorded == list(range(1, last + 1))
    for epoch in sorted({1, 2, 3, last // 2, last}):
        reference = clone(estimator).set_params(n_iter=epoch, tol=None).fit(X, y)
        coefs, intercepts = layers(reference)
        for got, expected in zip(display.coefs_by_epoch[epoch], coefs, strict=True):
            np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
        for got, expected in zip(
            display.intercepts_by_epoch[epoch], intercepts, strict=True
        ):
            np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
        model = display.model_at(epoch)
        np.testing.assert_allclose(layers(model)[0][0], coefs[0], rtol=0, atol=1e-12)
        assert model.n_iter_ == epoch
        np.testing.assert_array_equal(model.predict(X), reference.predict(X))
        if name not in ("gate", "adaline"):
            # A threshold unit's and ADALINE's probabilities keep the final
            # fit's link.
            np.testing.assert_allclose(
                model.predict_proba(X), reference.predict_proba(X), atol=1e-12
            )


@pytest.mark.parametrize("name", ["neuron", "network"])
def test_training_display_without_the_callback_api_fits_each_epoch(
    name, trained, monkeypatch
):
    """Check that without scikit-learn's callbacks (scikit-learn < 1.9) the
    chosen epochs are fresh fits, the same models as the recorded ones."""
    monkeypatch.setattr(_callbacks, "HAS_CALLBACK_API", False)
    estimator, (X, y) = TRAINED[name]
    display = TrainingDisplay.from_estimator(estimator, X, y, epochs=[2, 5])
    assert sorted(display.coefs_by_epoch) == [2, 5]
    for epoch in [2, 5]:
        for got, expected in zip(
            display.coefs_by_epoch[epoch],
            trained[name].coefs_by_epoch[epoch],
            strict=True,
        ):
            np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_training_display_default_epochs_run_from_the_first_to_the_last():
    estimator, (X, y) = TRAINED["network"]
    display = TrainingDisplay.from_estimator(estimator, X, y)
    n_iter = clone(estimator).fit(X, y).n_iter_
    assert display.epochs[0] == 1 and display.epochs[-1] == n_iter
    assert 2 <= len(display.epochs) <= 4
    assert np.all(np.diff(display.epochs) > 0)


def test_training_display_leaves_the_estimator_unfitted():
    estimator = SigmoidNeuronClassifier(random_state=0)
    display = TrainingDisplay.from_estimator(estimator, *OR, epochs=[1])
    with pytest.raises(NotFittedError):
        estimator.predict(OR[0])
    assert not hasattr(display.estimator, "_skl_callbacks")


def test_training_display_of_more_features_draws_loss_and_accuracy():
    X, y = make_truth_table("and", 3, return_X_y=True)
    neuron = SigmoidNeuronClassifier(random_state=0)
    display = TrainingDisplay.from_estimator(neuron, X, y, epochs=[1, 2])
    assert len(display.ax_) == 2 and all(ax.has_data() for ax in display.ax_)
    assert display.surface_artists_ == []
    reference = clone(neuron).fit(X, y)
    epochs, accuracies = display.accuracy_line_.get_data()
    np.testing.assert_array_equal(epochs, np.arange(1, reference.n_iter_ + 1))
    assert accuracies[-1] == reference.score(X, y)
    first = clone(neuron).set_params(n_iter=1, tol=None).fit(X, y)
    assert accuracies[0] == first.score(X, y)


def test_training_display_of_a_regressor_draws_loss_and_r2():
    """Check that a regressor of two features gets the loss and its R^2 along
    the fit (no boundary), its models of each epoch fresh fits of that many
    epochs with the fitted coef_'s shape, 1-D for a 1-D y."""
    regressor = LinearUnitRegressor(random_state=0)
    display = TrainingDisplay.from_estimator(regressor, X_SUM, Y_SUM, epochs=[1, 2])
    assert len(display.ax_) == 2 and display.surface_artists_ == []
    assert display.ax_[1].get_ylabel() == "training R²"
    reference = clone(regressor).fit(X_SUM, Y_SUM)
    epochs, scores = display.accuracy_line_.get_data()
    np.testing.assert_array_equal(epochs, np.arange(1, reference.n_iter_ + 1))
    assert scores[-1] == pytest.approx(reference.score(X_SUM, Y_SUM), abs=1e-12)
    short = clone(regressor).set_params(n_iter=2, tol=None).fit(X_SUM, Y_SUM)
    model = display.model_at(2)
    assert model.coef_.shape == short.coef_.shape == (2,)
    np.testing.assert_allclose(model.predict(X_SUM), short.predict(X_SUM), atol=1e-12)
    assert scores[1] == pytest.approx(short.score(X_SUM, Y_SUM), abs=1e-12)


def test_training_display_divides_one_axes_into_its_panels():
    _, ax = plt.subplots()
    display = TrainingDisplay.from_estimator(
        TRAINED["neuron"][0], *OR, epochs=[1, 2, 3], ax=ax
    )
    assert display.bounding_ax_ is ax and not ax.axison
    assert len(display.ax_) == 4 and display.figure_ is ax.figure
    with pytest.raises(ValueError, match="Expected ax to have 4 axes, got 2"):
        display.plot(ax=plt.subplots(1, 2)[1])


@pytest.mark.parametrize("epochs", [[0], [1, 10_000], [1.5], []])
def test_training_display_refuses_epochs_the_fit_does_not_have(epochs):
    with pytest.raises(ValueError, match="epochs must be"):
        TrainingDisplay.from_estimator(TRAINED["neuron"][0], *OR, epochs=epochs)


@pytest.mark.parametrize("name", ["neuron", "network"])
def test_training_animation_saves_as_html_with_a_frame_per_epoch(name, trained):
    """Check that to_jshtml, matplotlib's HTMLWriter, embeds one PNG per frame
    (no ffmpeg needed), the recorded epochs thinned to max_frames."""
    animation = trained[name].animate(interval=100, max_frames=3)
    html = animation.to_jshtml()
    assert html.count("data:image/png;base64") == 3
    assert trained[name].animation_figure_.axes[1].has_data()


def test_training_animation_of_more_features_moves_along_both_curves():
    X, y = make_truth_table("majority", 3, return_X_y=True)
    display = TrainingDisplay.from_estimator(
        SigmoidNeuronClassifier(random_state=0), X, y, epochs=[1]
    )
    html = display.animate(max_frames=2).to_jshtml()
    assert html.count("data:image/png;base64") == 2


def test_evenly_chosen_keeps_the_first_and_the_last_and_at_most_n():
    assert _evenly_chosen(range(1, 6), 60) == [1, 2, 3, 4, 5]
    chosen = _evenly_chosen(range(1, 5001), 60)
    assert len(chosen) == 60 and chosen[0] == 1 and chosen[-1] == 5000
    assert np.all(np.diff(chosen) > 0)


def test_training_display_of_a_pipeline_draws_in_its_input_space():
    """Check that a Pipeline's epochs are its final step's fits that many epochs
    long, drawn over the pipeline's raw inputs."""
    X, y = OR[0] * 100 + 50, OR[1]
    pipeline = make_pipeline(StandardScaler(), SigmoidNeuronClassifier(random_state=0))
    display = TrainingDisplay.from_estimator(pipeline, X, y, epochs=[2])
    short = clone(pipeline).set_params(
        sigmoidneuronclassifier__n_iter=2, sigmoidneuronclassifier__tol=None
    )
    model = display.model_at(2)
    np.testing.assert_allclose(model[-1].coef_, short.fit(X, y)[-1].coef_)
    np.testing.assert_array_equal(model.predict_proba(X), short.predict_proba(X))
    left, right = display.ax_[0].get_xlim()
    assert left <= 50 and right >= 150


def test_training_display_of_a_multiclass_target_colours_each_class():
    X, y = make_blobs(30, centers=3, random_state=0)
    display = TrainingDisplay.from_estimator(
        SigmoidNeuronClassifier(random_state=0), X, y, epochs=[3]
    )
    surface, boundary = display.surface_artists_[0], display.boundary_artists_[0]
    np.testing.assert_array_equal(surface.levels, [-0.5, 0.5, 1.5, 2.5])
    assert len(boundary) == len(np.unique(display.model_at(3).predict(X)))
    tab10 = plt.get_cmap("tab10").colors
    colours = display.scatter_artists_[0].get_facecolors()[:, :3]
    np.testing.assert_allclose(colours, np.array(tab10)[y])
    # A frame drawn again replaces the last one's regions and borders.
    animation = display.animate(max_frames=2)
    left = display.animation_figure_.axes[0]
    # The first frame drawn as a player would (which tells matplotlib it was).
    animation._init_draw()
    update = animation._func
    n_artists = len(left.get_children())
    update(3)
    assert len(left.get_children()) == n_artists


def test_training_display_draws_the_held_out_loss_of_early_stopping():
    X, y = make_blobs(40, centers=2, cluster_std=3, random_state=0)
    neuron = SigmoidNeuronClassifier(
        early_stopping=True, validation_fraction=0.25, random_state=0
    )
    display = TrainingDisplay.from_estimator(neuron, X, y)
    held_out = clone(neuron).fit(X, y).validation_loss_curve_
    np.testing.assert_allclose(display.validation_loss_line_.get_ydata(), held_out)
    assert display.ax_[-1].get_legend() is not None
    plain = TrainingDisplay.from_estimator(SigmoidNeuronClassifier(random_state=0), *OR)
    assert plain.validation_loss_line_ is None


def test_unit_diagram_heatmaps_are_the_hidden_outputs_over_the_range_of_x():
    """Check that each hidden unit's heatmap is its output, by a forward pass
    by hand, on 25 x 25 points from the smallest to the largest of each
    feature, and that it fills the unit's node."""
    X = XOR[0] * 4 - 1
    # Weights of a few epochs are enough: the heatmaps draw any weights.
    network = SigmoidNetworkClassifier(
        hidden_layer_sizes=(3, 2), n_iter=5, tol=None, random_state=0
    ).fit(X, XOR[1])
    display = UnitDiagramDisplay.from_estimator(network, X=X)
    xx0, xx1 = np.meshgrid(np.linspace(-1, 3, 25), np.linspace(-1, 3, 25))
    outputs = np.c_[xx0.ravel(), xx1.ravel()]
    for layer in range(2):
        coef, intercept = network.coefs_[layer], network.intercepts_[layer]
        outputs = 1 / (1 + np.exp(-(outputs @ coef + intercept)))
        images = display.heatmap_artists_[layer]
        assert len(images) == coef.shape[1]
        for unit, image in enumerate(images):
            np.testing.assert_allclose(
                image.get_array(), outputs[:, unit].reshape(25, 25), atol=1e-12
            )
            x, y = display.unit_artists_[layer][unit].center
            left, right, bottom, top = image.get_extent()
            assert (left + right) / 2 == pytest.approx(x)
            assert (bottom + top) / 2 == pytest.approx(y)
    assert UnitDiagramDisplay.from_estimator(network).heatmap_artists_ is None


def test_unit_diagram_heatmaps_need_a_network_and_two_features(fitted):
    with pytest.raises(ValueError, match="no hidden units"):
        UnitDiagramDisplay.from_estimator(fitted["neuron"], X=OR[0])
    with pytest.raises(ValueError, match="two input features"):
        UnitDiagramDisplay.from_estimator(fitted["network"], X=np.ones((3, 3)))
