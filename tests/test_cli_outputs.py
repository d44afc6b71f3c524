"""The command line's outputs: what is written where, and how a failure says so.

A regular file is replaced whole or not at all, through symbolic links; a
device or a named pipe is written in place; a signal that ends the process
removes the temporary file; every error names the file the user gave, and is
found before the fit when it can be.
"""

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_commands import run

from sksigmoid._output import Terminated, write_output
from sksigmoid.cli._files import load_model

# Named pipes, Unix sockets, signals and ulimit are POSIX's.
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX outputs")

FIT = ["--target", "label", "--cv", "0", "-q"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A small training file (fits in a few milliseconds) and a model of it."""
    folder = tmp_path_factory.mktemp("outputs")
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(60, 2)), columns=["u", "v"])
    frame["label"] = np.where(frame["u"] + frame["v"] > 0, "yes", "no")
    frame.to_csv(folder / "train.csv", index=False)
    status, _, _ = run(["fit", folder / "train.csv", *FIT, "-o", folder / "m.skops"])
    assert status == 0
    return folder


def fit_to(data, output):
    return run(["fit", data / "train.csv", *FIT, "-o", output])


def hidden_files(folder):
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith("."))


def is_model(content, tmp_path):
    """Whether ``content`` is a model file that loads and predicts."""
    copy = tmp_path / "copy.skops"
    copy.write_bytes(content)
    pipeline, record = load_model(copy)
    return record.target == "label" and len(pipeline.classes_) == 2


# Outputs that are not regular files: in place, or refused before the fit.


def test_fit_to_a_named_pipe_writes_into_it_and_leaves_it_a_pipe(data, tmp_path):
    """Check that a FIFO gets the model's bytes, as ``tee`` would write them,
    rather than being replaced by a regular file."""
    fifo = tmp_path / "model.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    status, out, err = fit_to(data, fifo)
    if reader.is_alive():  # the command never opened it: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(10)
    assert status == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert is_model(received[0], tmp_path)
    assert f"Saved the pipeline to {fifo}" in out
    assert hidden_files(tmp_path) == []


def character_devices(tmp_path):
    """/dev/null if this user may write it, and a null device made here (root)."""
    devices = []
    if os.access("/dev/null", os.W_OK):
        devices.append(Path("/dev/null"))
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        devices.append(tmp_path / "null")
    except PermissionError:
        pass
    return devices


def test_fit_to_dev_null_leaves_it_a_character_device(data, tmp_path):
    """Check that ``-o /dev/null`` (as root, whose /dev is writable) is written
    in place: a rename would put the model file where the device was."""
    devices = character_devices(tmp_path)
    if not devices:
        pytest.skip("no writable character device")
    for device in devices:
        before = os.stat(device)
        status, _, err = fit_to(data, device)
        assert status == 0, err
        after = os.lstat(device)
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert hidden_files(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_fails_in_one_line_naming_it(data):
    status, _, err = fit_to(data, "/dev/full")
    assert status == 2
    assert err == (
        "sksigmoid fit: error: cannot write /dev/full: No space left on device\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def unix_socket(path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


def block_device(path):
    os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(7, 0))  # a loop device's node
    return None


@pytest.mark.parametrize(
    "make, kind",
    [(unix_socket, "a socket"), (block_device, "a block device (a disk)")],
    ids=["socket", "block device"],
)
def test_an_output_that_is_a_socket_or_a_disk_is_refused_before_the_fit(
    data, tmp_path, make, kind
):
    output = tmp_path / "output"
    try:
        server = make(output)
    except PermissionError:
        pytest.skip("making a device node needs root")
    mode = os.lstat(output).st_mode
    for command in [
        ["fit", data / "train.csv", *FIT, "-o", output],
        ["predict", data / "m.skops", data / "train.csv", "-o", output],
    ]:
        status, out, err = run(command)
        assert status == 2 and out == ""  # nothing read, nothing fitted
        assert err.endswith(
            f"error: cannot write {output}: it is {kind}, not a file; choose a "
            "file name\n"
        )
        assert os.lstat(output).st_mode == mode
    if server is not None:
        server.close()


def test_an_output_linked_to_a_file_replaces_the_file_not_the_link(data, tmp_path):
    """Check that the link stays a link, and its target, a whole new model with
    the permissions the old one had."""
    target = tmp_path / "models" / "current.skops"
    target.parent.mkdir()
    target.write_bytes(b"the previous model")
    target.chmod(0o640)
    link = tmp_path / "model.skops"
    link.symlink_to(target)
    dangling = tmp_path / "new.skops"
    dangling.symlink_to(tmp_path / "models" / "new.skops")
    for output in [link, dangling]:
        status, _, err = fit_to(data, output)
        assert status == 0, err
        assert output.is_symlink()
    assert is_model(target.read_bytes(), tmp_path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert is_model((tmp_path / "models" / "new.skops").read_bytes(), tmp_path)
    assert hidden_files(tmp_path) == hidden_files(target.parent) == []


# Long names.


@pytest.mark.parametrize(
    "name",
    ["m" * 249 + ".skops", "é" * 124 + ".skops"],
    ids=["255 ASCII bytes", "254 bytes of two-byte letters"],
)
def test_an_output_name_the_file_system_takes_is_written(data, tmp_path, name):
    """Check that the temporary file's name is shortened to fit, not the
    output's: before, 22 more bytes made it too long after the fit."""
    assert len(os.fsencode(name)) in (254, 255)
    status, _, err = fit_to(data, tmp_path / name)
    assert status == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_an_output_name_too_long_is_refused_before_the_fit(data, tmp_path):
    name = "m" * 250 + ".skops"
    status, out, err = fit_to(data, tmp_path / name)
    assert status == 2 and out == ""
    assert err.endswith(
        ": its name is 256 bytes long, and the file system of its folder takes at "
        "most 255; choose a shorter name\n"
    )
    assert list(tmp_path.iterdir()) == []


# Signals.


@pytest.mark.skipif(
    signal.getsignal(signal.SIGTERM) != signal.SIG_DFL,
    reason="SIGTERM has a handler in this process",
)
def test_sigterm_while_writing_removes_the_temporary_file_in_process(tmp_path):
    """Check that SIGTERM during the write raises Terminated (rather than ending
    the process at once), after which the temporary file is gone, the previous
    output is intact and SIGTERM's handler is the default again."""
    output = tmp_path / "model.skops"
    output.write_bytes(b"the previous model")

    def write(file):
        file.write(b"half a model")
        file.flush()
        assert len(hidden_files(tmp_path)) == 1
        signal.raise_signal(signal.SIGTERM)

    with pytest.raises(Terminated, match="terminated by SIGTERM"):
        write_output(output, write)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.skops"]
    assert output.read_bytes() == b"the previous model"
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


#: The environment of a child process whose standard output is block-buffered
#: when not a terminal, as Python's is by default.
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

#: A fit in a child process whose model write stops half-way, says so on the
#: file descriptor ``ready``, and waits to be killed.
STOPPED_WRITE = """
import os, sys, time
import skops.io
from sksigmoid.cli import main

def stopped_dump(pipeline, file):
    if isinstance(file, (str, os.PathLike)):
        file = open(file, "wb")
    file.write(b"half a model")
    file.flush()
    os.write({ready}, b"w")
    time.sleep(60)

skops.io.dump = stopped_dump
sys.exit(main({argv!r}))
"""


@pytest.mark.parametrize(
    "signum, status",
    [
        (signal.SIGTERM, -signal.SIGTERM),
        (signal.SIGHUP, -signal.SIGHUP),
        (signal.SIGINT, 130),
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_while_writing_removes_the_temporary_file(
    data, tmp_path, signum, status
):
    """Check that ``kill`` during the model's write leaves the previous model
    and no temporary file, and the process ends as the signal ends it (128 +
    its number in a shell; KeyboardInterrupt's 130 for SIGINT)."""
    output = tmp_path / "model.skops"
    output.write_bytes(b"the previous model")
    ready, ready_to_write = os.pipe()
    argv = ["fit", str(data / "train.csv"), *FIT, "-o", str(output)]
    child = subprocess.Popen(
        [sys.executable, "-c", STOPPED_WRITE.format(ready=ready_to_write, argv=argv)],
        pass_fds=[ready_to_write],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=BUFFERED,
    )
    os.close(ready_to_write)
    try:
        assert os.read(ready, 1) == b"w"  # b"" if the child ended before
        assert len(hidden_files(tmp_path)) == 1
        child.send_signal(signum)
        out, err = child.communicate(timeout=30)
    finally:
        os.close(ready)
        child.kill()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.skops"]
    assert output.read_bytes() == b"the previous model"
    assert child.returncode == status
    assert "Fitted on all 60 rows" in out  # printed before the write, not lost
    assert err.strip().endswith("no file was written")
    assert "Traceback" not in err


# Errors of the system, each naming the user's file.

#: A command in a child process whose files may not grow beyond ``limit``
#: bytes (``ulimit -f``): a write past it fails with EFBIG, SIGXFSZ ignored.
SIZE_LIMITED = """
import resource, signal, sys
from sksigmoid.cli import main

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
sys.exit(main({argv!r}))
"""


def size_limited(argv, limit, stdout=subprocess.PIPE):
    code = SIZE_LIMITED.format(limit=limit, argv=[str(arg) for arg in argv])
    return subprocess.run(
        [sys.executable, "-c", code],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=BUFFERED,
    )


@pytest.mark.parametrize("command", ["fit", "predict"])
def test_a_file_size_limit_fails_in_one_line_naming_the_output(data, tmp_path, command):
    """Check that EFBIG (``ulimit -f``, or a full disk's ENOSPC alike) names the
    output, and leaves its previous content and no temporary file."""
    output = tmp_path / "output"
    output.write_bytes(b"the previous output")
    if command == "fit":
        argv = ["fit", data / "train.csv", *FIT, "-o", output]
    else:
        argv = ["predict", data / "m.skops", data / "train.csv", "--proba"]
        argv += ["-o", output]
    result = size_limited(argv, limit=1000)
    assert result.returncode == 2
    assert result.stderr == (
        f"sksigmoid {command}: error: cannot write {output}: File too large\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert output.read_bytes() == b"the previous output"


def test_a_file_size_limit_on_standard_output_fails_in_one_line(data, tmp_path):
    """Check that ``predict ... > file`` past the limit says standard output,
    once: the text still buffered does not fail again at exit."""
    with open(tmp_path / "predictions.csv", "w") as stdout:
        result = size_limited(
            ["predict", data / "m.skops", data / "train.csv", "--proba"],
            limit=1000,
            stdout=stdout,
        )
    assert result.returncode == 2
    assert result.stderr == (
        "sksigmoid predict: error: cannot write standard output: File too large\n"
    )


@pytest.mark.parametrize("reading", ["data", "model"])
def test_an_input_that_cannot_be_read_is_named(data, monkeypatch, reading):
    """Check that an error reading a file (EIO: no file name in the error)
    names it: a user cannot make root fail a read by permissions."""
    path = data / ("m.skops" if reading == "model" else "train.csv")
    real = Path.read_bytes

    def failing(self):
        if self == path:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", failing)
    status, _, err = run(["predict", data / "m.skops", data / "train.csv"])
    assert status == 2
    assert err == (
        f"sksigmoid predict: error: cannot read {path}: Input/output error\n"
    )


def test_predict_to_a_pipe_whose_reader_left_names_it(data, tmp_path):
    """Check that EPIPE from an output FIFO is an error naming it, not taken
    for standard output's reader gone (a quiet exit 1)."""
    fifo = tmp_path / "predictions.fifo"
    os.mkfifo(fifo)

    def read_one_byte_and_leave():
        with open(fifo, "rb") as reader:
            reader.read(1)

    reader = threading.Thread(target=read_one_byte_and_leave)
    reader.start()
    frame = pd.read_csv(data / "train.csv")
    pd.concat([frame] * 2000).to_csv(tmp_path / "many.csv", index=False)
    status, _, err = run(
        ["predict", data / "m.skops", tmp_path / "many.csv", "-o", fifo]
    )
    reader.join(10)
    assert status == 2
    assert err == f"sksigmoid predict: error: cannot write {fifo}: Broken pipe\n"
