"""The epoch loop of ``_engine._loop`` on its own, driven by scripted epochs
whose losses and updates are given, so every stopping decision can be read off
by hand."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning

from sksigmoid._engine._loop import (
    EpochObserver,
    EpochScore,
    StoppingRule,
    VerbosePrinter,
    epoch_listener,
    fit_observers,
    run_epochs,
)


def scripted(losses, updates=None, weights=None):
    """An epoch that returns the next of ``losses`` (and of ``updates``), and
    writes its epoch number into ``weights[0]``."""
    epochs = iter(range(len(losses)))

    def one_epoch():
        epoch = next(epochs)
        if weights is not None:
            weights[0][...] = epoch + 1
        return losses[epoch], None if updates is None else updates[epoch]

    return one_epoch


def test_tol_none_runs_exactly_n_iter_epochs_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        record = run_epochs(
            scripted([5.0, 5.0, 5.0, 5.0]),
            StoppingRule(n_iter=4, tol=None, n_iter_no_change=1),
        )
    assert record.loss_curve == [5.0, 5.0, 5.0, 5.0]


def test_tol_stops_after_n_iter_no_change_epochs_without_improvement():
    """Best 1.0 at epoch 2; epochs 3-5 improve on it by less than tol = 0.1."""
    losses = [2.0, 1.0, 0.95, 0.92, 0.91, 0.5, 0.4]
    record = run_epochs(
        scripted(losses), StoppingRule(n_iter=7, tol=0.1, n_iter_no_change=3)
    )
    assert record.loss_curve == losses[:5]


def test_with_tol_zero_a_tie_is_no_improvement():
    """Check that an unchanged loss counts toward the stop, as in scikit-learn's
    SGD: the best is set at epoch 1, epochs 2-4 tie it."""
    record = run_epochs(
        scripted([0.5] * 10), StoppingRule(n_iter=10, tol=0, n_iter_no_change=3)
    )
    assert len(record.loss_curve) == 4


def test_an_improvement_by_more_than_tol_resets_the_count():
    losses = [2.0, 1.95, 1.0, 0.99, 0.98, 0.97]
    record = run_epochs(
        scripted(losses), StoppingRule(n_iter=6, tol=0.1, n_iter_no_change=2)
    )
    # Epoch 2 does not improve, epoch 3 does (by 1.0), epochs 4-5 do not.
    assert len(record.loss_curve) == 5


def test_reaching_n_iter_with_tol_warns():
    with pytest.warns(ConvergenceWarning, match=r"Maximum number of epochs \(3\)"):
        record = run_epochs(
            scripted([3.0, 2.0, 1.0]),
            StoppingRule(n_iter=3, tol=1e-3, n_iter_no_change=2),
        )
    assert record.loss_curve == [3.0, 2.0, 1.0]


def test_an_epoch_without_update_ends_the_loop():
    record = run_epochs(
        scripted([1.0, 0.5, 0.0, 0.0], updates=[3, 1, 0, 0]),
        StoppingRule(n_iter=4, tol=1e-3, n_iter_no_change=1),
    )
    assert record.loss_curve == [1.0, 0.5, 0.0]


def test_without_tol_an_epoch_without_update_ends_the_loop_only_if_asked():
    losses, updates = [1.0, 0.5, 0.5, 0.5], [3, 1, 0, 0]
    for stop_without_update, n_epochs in [(True, 3), (False, 4)]:
        record = run_epochs(
            scripted(losses, updates=updates),
            StoppingRule(
                n_iter=4,
                tol=None,
                n_iter_no_change=1,
                stop_without_update=stop_without_update,
            ),
        )
        assert len(record.loss_curve) == n_epochs


class ScriptedEpochTasks(EpochObserver):
    """Epoch tasks that log what they are handed and ask to stop at ``stop_at``."""

    def __init__(self, stop_at):
        self.stop_at = stop_at
        self.log = []

    def on_epoch_begin(self, epoch, weights, record):
        self.log.append(("begin", float(weights[0][0]), len(record.loss_curve)))

    def on_epoch_end(self, epoch, weights, record):
        self.log.append(("end", float(weights[0][0]), len(record.loss_curve)))
        return len(record.loss_curve) == self.stop_at


def test_epoch_tasks_see_the_kept_weights_and_can_stop_the_loop():
    """Check that each epoch task begins before and ends after its epoch, is
    handed the weights a stop there would keep (the best scored so far), and
    that a request to stop ends the loop as a stopping rule, without a warning,
    the best weights put back."""
    weights = [np.zeros(1)]
    scores = iter([0.5, 0.9, 0.7, 0.8, 0.95])
    tasks = ScriptedEpochTasks(stop_at=4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        record = run_epochs(
            scripted([5.0, 4.0, 3.0, 2.0, 1.0], weights=weights),
            StoppingRule(n_iter=5, tol=1e-12, n_iter_no_change=10),
            weights=weights,
            scoring=EpochScore(lambda: next(scores)),
            observers=[tasks],
        )
    assert record.loss_curve == [5.0, 4.0, 3.0, 2.0]
    assert tasks.log == [
        ("begin", 0.0, 0), ("end", 1.0, 1),
        ("begin", 1.0, 1), ("end", 2.0, 2),
        ("begin", 2.0, 2), ("end", 2.0, 3),
        ("begin", 2.0, 3), ("end", 2.0, 4),
    ]  # fmt: skip
    assert weights[0][0] == 2


def test_the_validation_loss_is_recorded_after_each_epoch():
    weights = [np.zeros(1)]
    record = run_epochs(
        scripted([3.0, 2.0, 1.0], weights=weights),
        StoppingRule(n_iter=3, tol=None, n_iter_no_change=1),
        scoring=EpochScore(lambda: 0.5, validation_loss=lambda: 10 * weights[0][0]),
    )
    assert record.validation_losses == [10.0, 20.0, 30.0]


def test_min_updates_keeps_a_plateau_of_few_updates_going():
    """Three flat epochs of 10 updates each make 30 < 40 updates: no stop
    until the fourth."""
    losses = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    record = run_epochs(
        scripted(losses, updates=[10] * 6),
        StoppingRule(n_iter=6, tol=1e-3, n_iter_no_change=2, min_updates=40),
    )
    # Epoch 1 improves on infinity; epochs 2-5 do not, and hold 40 updates.
    assert len(record.loss_curve) == 5


def test_the_best_scored_weights_are_put_back():
    weights = [np.zeros(1)]
    scores = iter([0.5, 0.9, 0.7, 0.9])
    record = run_epochs(
        scripted([4.0, 3.0, 2.0, 1.0], weights=weights),
        StoppingRule(n_iter=4, tol=None, n_iter_no_change=1),
        weights=weights,
        scoring=EpochScore(lambda: next(scores)),
    )
    assert record.scores == [0.5, 0.9, 0.7, 0.9] and record.best_score == 0.9
    # The first of the equal best scores, epoch 2.
    assert weights[0][0] == 2


def test_on_score_monitors_the_score():
    scores = iter([0.5, 0.6, 0.6, 0.6, 0.9])
    record = run_epochs(
        scripted([5.0, 4.0, 3.0, 2.0, 1.0]),
        StoppingRule(n_iter=5, tol=1e-3, n_iter_no_change=2, on_score=True),
        scoring=EpochScore(lambda: next(scores)),
    )
    # The loss falls every epoch, but the score stalls at epochs 3 and 4.
    assert len(record.loss_curve) == 4


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_a_non_finite_loss_raises_with_the_epoch(bad):
    with pytest.raises(ValueError, match="diverged .* at epoch 2"):
        run_epochs(
            scripted([1.0, bad]), StoppingRule(n_iter=2, tol=None, n_iter_no_change=1)
        )
    with pytest.raises(ValueError, match="diverged .* at epoch 7"):
        run_epochs(scripted([bad]), StoppingRule(n_iter=1), first_epoch=7)


def test_a_loss_grown_past_max_loss_growth_is_a_divergence():
    """Check that a loss 10 times the first epoch's is taken for a diverging
    step when the rule allows growth by 5, and not when it allows 20."""
    losses = [1.0, 3.0, 10.0]
    with pytest.raises(ValueError, match="diverged .* at epoch 3"):
        run_epochs(scripted(losses), StoppingRule(n_iter=3, max_loss_growth=5))
    record = run_epochs(scripted(losses), StoppingRule(n_iter=3, max_loss_growth=20))
    assert record.loss_curve == losses


def test_listener_sees_every_epoch_and_the_end():
    calls = []
    token = epoch_listener.set(lambda *args: calls.append(args))
    try:
        run_epochs(
            scripted([3.0, 2.0, 1.0]),
            StoppingRule(n_iter=3, tol=None, n_iter_no_change=1),
            observers=fit_observers(n_iter=3, verbose=0),
        )
    finally:
        epoch_listener.reset(token)
    assert calls == [(1, 3, False), (2, 3, False), (3, 3, False), (3, 3, True)]


def test_fit_observers_are_the_verbose_printer_and_the_listener():
    """Check that a fit hears of its epochs through the verbose printer when
    asked for, and through the context's listener when one is set."""
    assert fit_observers(n_iter=3, verbose=0) == []
    (printer,) = fit_observers(n_iter=3, verbose=2, score_name="accuracy")
    assert isinstance(printer, VerbosePrinter) and printer.score_name == "accuracy"
    token = epoch_listener.set(lambda *args: None)
    try:
        assert len(fit_observers(n_iter=3, verbose=0)) == 1
    finally:
        epoch_listener.reset(token)


def test_verbose_prints_epochs_one_to_nine_then_powers_of_ten(capsys):
    run_epochs(
        scripted([1.0] * 25),
        StoppingRule(n_iter=25, tol=None, n_iter_no_change=1),
        observers=[VerbosePrinter(verbose=1)],
    )
    printed = capsys.readouterr().out.splitlines()
    epochs = [int(line.split(",")[0].split()[1]) for line in printed[:-1]]
    assert epochs == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]
    assert printed[-1] == "Stopped by n_iter after 25 epochs."


def test_verbose_prints_the_score_by_its_name(capsys):
    run_epochs(
        scripted([2.0, 1.0]),
        StoppingRule(n_iter=2, tol=None),
        scoring=EpochScore(lambda: 0.75),
        observers=[VerbosePrinter(verbose=2, score_name="validation score")],
    )
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Epoch 1, loss = 2, validation score = 0.75"


def test_one_epoch_records_its_loss():
    record = run_epochs(scripted([0.25], updates=[0]), StoppingRule(n_iter=1))
    assert record.loss_curve == [0.25] and record.scores == []
