"""The gallery's order: the package's tour, from the tutorial to ONNX and dask."""

from pathlib import Path

TOUR = [
    "plot_seed_tutorial.py",
    "plot_logic_gates.py",
    "plot_logic_circuits.py",
    "plot_perceptron_convergence.py",
    "plot_perceptron_vs_adaline.py",
    "plot_decision_boundary.py",
    "plot_learning_curves.py",
    "plot_error_surface.py",
    "plot_monitor_training.py",
    "plot_training_animation.py",
    "plot_xor_network.py",
    "plot_hidden_units.py",
    "plot_grid_search.py",
    "plot_package_descriptions.py",
    "plot_onnx_export.py",
    "plot_dask_many_files.py",
]


class TourOrder:
    """sphinx-gallery's ``within_subsection_order`` key: the tour's scripts in
    its order, then any other script by name.

    conf.py names it by its import path: a class defined in conf.py itself
    could not be pickled with Sphinx's environment.
    """

    def __init__(self, src_dir):
        self.src_dir = src_dir

    def __call__(self, filename):
        name = Path(filename).name
        return (TOUR.index(name), "") if name in TOUR else (len(TOUR), name)

    def __repr__(self):
        return "TourOrder"
