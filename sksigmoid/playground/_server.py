"""The playground's page and JSON API, on the standard library's ``http.server``.

The page (``static/index.html``, plain JavaScript, nothing fetched from the
network) posts the teacher's choices and buttons to ``/api/<action>`` and draws
the state it gets back. The server holds one :class:`Playground` and answers on
127.0.0.1 only: a class's projector, not a web service.
"""

import json
import threading
import webbrowser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files

from sklearn.model_selection import train_test_split

from sksigmoid.datasets import make_playground
from sksigmoid.playground._core import Playground

#: The page's defaults, also the configuration a new server starts with.
DEFAULT_CONFIG = {
    "dataset": "gauss",
    "noise": 0.2,
    "n_samples": 200,
    "test_fraction": 0.3,
    "unit": "threshold",
    "loss": "log_loss",
    "hidden_layer_sizes": [4],
    "learning_rate": 0.5,
    "solver": "gd",
    "online": True,
    "random_state": 0,
}


def make_estimator(config):
    """The estimator a page configuration names (the tutorials' rule: no
    penalty, ``alpha=0``, so that ``trace`` follows it)."""
    from sksigmoid import (
        AdalineClassifier,
        SigmoidNetworkClassifier,
        SigmoidNeuronClassifier,
        ThresholdUnit,
    )

    unit = config["unit"]
    common = {
        "learning_rate": float(config["learning_rate"]),
        "random_state": int(config["random_state"]),
    }
    if unit == "threshold":
        return ThresholdUnit(**common)
    descent = {"alpha": 0.0, "solver": config["solver"]}
    if config.get("online") and unit != "network":
        descent["batch_size"] = 1
    if unit == "adaline":
        return AdalineClassifier(**common, **descent)
    if unit == "neuron":
        return SigmoidNeuronClassifier(loss=config["loss"], **common, **descent)
    if unit == "network":
        sizes = [int(size) for size in config["hidden_layer_sizes"]]
        if not 1 <= len(sizes) <= 2 or not all(1 <= size <= 8 for size in sizes):
            raise ValueError("a network has 1 or 2 hidden layers of 1 to 8 units.")
        return SigmoidNetworkClassifier(
            hidden_layer_sizes=tuple(sizes), loss=config["loss"], **common, **descent
        )
    raise ValueError(f"unknown unit {unit!r}: threshold, adaline, neuron or network.")


def make_session(config):
    """The data set of ``config``, split into training and held-out rows, and
    the :class:`Playground` on them."""
    X, y = make_playground(
        config["dataset"],
        n_samples=int(config["n_samples"]),
        noise=float(config["noise"]),
        random_state=int(config["random_state"]),
        return_X_y=True,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X,
        y,
        test_size=float(config["test_fraction"]),
        random_state=int(config["random_state"]),
        stratify=y,
    )
    return Playground(
        make_estimator(config), X_train, y_train, X_test=X_test, y_test=y_test
    )


class PlaygroundServer(ThreadingHTTPServer):
    """An HTTP server holding one playground session.

    Parameters
    ----------
    port : int, default=0
        The port on 127.0.0.1 (0: any free port; see ``url``).
    """

    daemon_threads = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.lock = threading.Lock()
        self.config = dict(DEFAULT_CONFIG)
        self.playground = make_session(self.config)

    @property
    def url(self):
        """The page's address."""
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def answer(self, action, body):
        """Apply ``action`` with the request's JSON ``body``; the new state."""
        with self.lock:
            playground = self.playground
            if action == "config":
                config = {**self.config, **body}
                playground = make_session(config)
                self.config, self.playground = config, playground
            elif action == "reset":
                playground.reset()
            elif action == "weights":
                playground.set_weights(body["coef"], body.get("intercept", 0.0))
            elif action == "step_sample":
                playground.step_sample()
            elif action == "step_epoch":
                playground.step_epoch()
            elif action == "run":
                playground.run(int(body.get("n_epochs", 1)))
            elif action != "state":
                raise LookupError(action)
            return self.full_state()

    def full_state(self):
        """The playground's state, its surface and data, and the configuration."""
        playground = self.playground
        return {
            **playground.state(),
            "surface": playground.surface(),
            "config": self.config,
            "X": playground.X.tolist(),
            "y": playground.y.tolist(),
            "X_test": playground.X_test.tolist(),
            "y_test": playground.y_test.tolist(),
        }


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path in ("/", "/index.html"):
            page = files("sksigmoid.playground").joinpath("static/index.html")
            self._send(200, page.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/api/state":
            self._send_json(200, self.server.answer("state", {}))
        else:
            self._send_json(404, {"error": f"no page {self.path}"})

    def do_POST(self):
        if not self.path.startswith("/api/"):
            self._send_json(404, {"error": f"no action {self.path}"})
            return
        length = int(self.headers.get("Content-Length", 0))
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            self._send_json(200, self.server.answer(self.path[5:], body))
        except LookupError:
            self._send_json(404, {"error": f"no action {self.path}"})
        except (ValueError, TypeError) as error:
            self._send_json(400, {"error": str(error)})

    def _send_json(self, status, payload):
        self._send(status, json.dumps(payload).encode(), "application/json")

    def _send(self, status, content, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format, *args):
        # A class's clicks are not worth a line each on the teacher's terminal.
        pass


def serve(port=0, open_browser=True, stream=None):
    """Serve the playground until interrupted (``sksigmoid playground``).

    Parameters
    ----------
    port : int, default=0
        The port on 127.0.0.1; 0 picks a free one.
    open_browser : bool, default=True
        Whether to open the page in the default browser.
    stream : file-like, default=None
        Where to print the address (standard output if None).

    Returns
    -------
    status : int
        0, once interrupted with Ctrl+C.
    """
    server = PlaygroundServer(port)
    print(
        f"The playground is at {server.url} (Ctrl+C stops it).", file=stream, flush=True
    )
    if open_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
