"""The demo command line, called in-process through main(argv)."""

import re
import subprocess
import sys

import numpy as np
import pytest

from sksigmoid.cli import main


@pytest.fixture(scope="module")
def demo_output():
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main([])
    assert status == 0
    return buffer.getvalue()


def rows(output, first_cell):
    """Table rows starting with first_cell, split into their columns."""
    return [
        re.split(r"\s{2,}", line)
        for line in output.splitlines()
        if line.startswith(first_cell + " ")
    ]


def test_demo_learns_the_separable_tables(demo_output):
    for gate in ["AND", "OR", "NAND", "NOR", "MAJORITY"]:
        trained = [row for row in rows(demo_output, gate) if len(row) == 7]
        assert [row[1] for row in trained] == ["ThresholdUnit", "SigmoidNeuron"]
        assert all(row[4] == "1.00" and row[6] == "learned" for row in trained)


@pytest.mark.parametrize("gate", ["XOR", "XNOR"])
def test_demo_shows_xor_failing_for_single_units_and_learned_by_network(
    demo_output, gate
):
    trained = [row for row in rows(demo_output, gate) if len(row) == 7]
    assert [row[1] for row in trained] == [
        "ThresholdUnit",
        "SigmoidNeuron",
        "SigmoidNetwork",
    ]
    for row in trained[:2]:
        assert float(row[4]) < 1.0 and row[6] == "FAILS: not linearly separable"
    network = trained[2]
    assert network[2] == "100 hidden units"
    assert network[4] == "1.00" and network[6] == "learned"
    assert re.search(rf"^{gate} circuit .*truth table reproduced$", demo_output, re.M)


@pytest.mark.parametrize("n_inputs", range(2, 9))
def test_demo_learns_every_table_a_unit_can_learn(n_inputs):
    """Check every --n-inputs the demo takes: each row is learned, but the single
    units' rows of XOR and XNOR, which no single unit can compute."""
    from sksigmoid.cli._demo import truth_table_report

    report = truth_table_report(n_inputs, random_state=0)
    verdicts = [re.split(r"\s{2,}", line)[-1] for line in report.splitlines()[2:]]
    assert len(verdicts) == 5 * 2 + 2 * 3
    assert verdicts.count("FAILS: not linearly separable") == 4
    assert verdicts.count("learned") == len(verdicts) - 4


def test_demo_reproduces_the_tutorial(demo_output):
    tutorial = demo_output.split("GeeksforGeeks")[1]
    for n_iter, printed in [
        ("10", "0.65980921"),
        ("100", "0.87680541"),
        ("10000", "0.98977040"),
    ]:
        assert re.search(rf"^{n_iter}\s+{printed}\s+{printed}$", tutorial, re.M)


def test_demo_gates_reproduce_their_tables(demo_output):
    gates = demo_output.split("McCulloch-Pitts")[1].split("GeeksforGeeks")[0]
    assert gates.count("truth table reproduced") == 6 + 3  # and the circuits
    assert "WRONG" not in gates


def test_demo_traces_the_tutorials_first_epoch(demo_output):
    """Check the printed trace against the tutorial's loop by hand: its rows'
    weight changes add up to the first epoch's change of the weights."""
    printed = demo_output.split("sample by sample")[1].strip().splitlines()[5:]
    changes = np.array([[float(v) for v in line.split()[-3:]] for line in printed])
    assert len(printed) == 3
    weights = 2 * np.random.RandomState(1).random_sample(3) - 1
    X = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
    outputs = 1 / (1 + np.exp(-(X @ weights)))
    deltas = (np.array([1, 0, 1]) - outputs) * outputs * (1 - outputs)
    np.testing.assert_allclose(changes, deltas[:, None] * X, atol=5e-5)


def test_help_exits_zero(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "usage: sksigmoid" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["--n-inputs", "9"], ["--bogus"], ["--random-state", "x"]]
)
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("sksigmoid: error:")


def test_python_dash_m_runs_the_demo():
    result = subprocess.run(
        [sys.executable, "-m", "sksigmoid", "--n-inputs", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Truth tables with 3 inputs" in result.stdout and "XOR" in result.stdout


REPORT = "please report it to the sksigmoid maintainers with the command you ran"


def broken_demo(monkeypatch):
    """The demo raising an error no branch of main expects: a bug."""
    import sksigmoid.cli._demo

    def bug(*args):
        raise KeyError("gate")

    monkeypatch.setattr(sksigmoid.cli._demo, "demo_report", bug)


def test_an_unexpected_error_is_one_line_saying_where_to_report_it(monkeypatch, capsys):
    """Check that a bug exits 1 with its type, its message and where to report
    it, and no traceback (before: the traceback, exit 1)."""
    monkeypatch.delenv("SKSIGMOID_DEBUG", raising=False)
    broken_demo(monkeypatch)
    assert main([]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"sksigmoid: internal error: KeyError: 'gate'; {REPORT} (--debug shows "
        "the traceback)\n"
    )


@pytest.mark.parametrize(
    "argv, environment",
    [(["--debug"], None), ([], "1"), (["--debug", "info", "{model}"], None)],
    ids=["--debug", "SKSIGMOID_DEBUG=1", "--debug before a command"],
)
def test_debug_prints_the_traceback_then_the_line(
    monkeypatch, capsys, tmp_path, argv, environment
):
    if environment is None:
        monkeypatch.delenv("SKSIGMOID_DEBUG", raising=False)
    else:
        monkeypatch.setenv("SKSIGMOID_DEBUG", environment)
    broken_demo(monkeypatch)
    import sksigmoid.cli._commands

    monkeypatch.setitem(
        sksigmoid.cli._commands.COMMANDS, "info", lambda args, out: {}["gate"]
    )
    argv = [arg.format(model=tmp_path / "m.skops") for arg in argv]
    assert main(argv) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2] == "KeyError: 'gate'"
    assert lines[-1].endswith(f"internal error: KeyError: 'gate'; {REPORT}")


def test_debug_is_taken_after_the_command_too():
    from sksigmoid.cli._parser import build_parser

    parser = build_parser()
    assert parser.parse_args(["info", "m.skops", "--debug"]).debug
    assert parser.parse_args(["--debug", "info", "m.skops"]).debug
    assert not parser.parse_args(["info", "m.skops"]).debug


def test_the_issue_tracker_in_the_metadata_is_where_to_report(monkeypatch):
    """Check that a Project-URL labelled as the issue tracker is named."""
    import sksigmoid.cli._errors

    class Metadata:
        def get_all(self, name):
            assert name == "Project-URL"
            return ["Homepage, https://example.org", "Issues, https://example.org/i"]

    monkeypatch.setattr(sksigmoid.cli._errors, "metadata", lambda name: Metadata())
    assert sksigmoid.cli._errors.where_to_report() == (
        "please report it at https://example.org/i with the command you ran"
    )
