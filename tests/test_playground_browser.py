"""The playground's page in headless Chromium: Step, Run, Pause and Reset.

Run with ``pytest -m browser`` (the default run leaves it out); it needs
Debian's ``chromium`` and the ``playwright`` package of the test extra.
"""

import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Where the user guide's screenshot is saved when SKSIGMOID_SCREENSHOTS is set
#: (``SKSIGMOID_SCREENSHOTS=1 pytest -m browser``); a plain run leaves the
#: repository as it was.
SCREENSHOT = Path(__file__).parent.parent / "docs" / "_static" / "playground.png"


@pytest.fixture
def page():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from sksigmoid.playground._server import PlaygroundServer

    server = PlaygroundServer(port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1300, "height": 760})
        tab.goto(server.url)
        tab.wait_for_function("window.playgroundState !== null")
        yield tab, server
        browser.close()
    server.shutdown()
    server.server_close()


def _state_after(tab, selector, condition):
    tab.click(selector)
    tab.wait_for_function(condition)
    return tab.evaluate("window.playgroundState")


def test_playground_page_steps_runs_and_resets(page, tmp_path):
    """Check that the buttons drive the server's Playground: the page's state
    after each equals the core's, and the screenshot is not blank."""
    from matplotlib.image import imread

    tab, server = page
    state = _state_after(tab, "#step-sample", "window.playgroundState.sample === 1")
    coef = server.playground.estimator_.coef_.ravel()
    np.testing.assert_allclose(np.ravel(state["coefs"][0]), coef)
    assert state["last_step"] is not None
    state = _state_after(tab, "#step-epoch", "window.playgroundState.epoch === 1")
    assert state["sample"] == 0
    tab.click("#run")
    tab.wait_for_function("window.playgroundState.epoch >= 4")
    tab.click("#run")  # Pause
    tab.wait_for_timeout(300)
    paused = tab.evaluate("window.playgroundState.epoch")
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.playgroundState.epoch") == paused
    assert tab.inner_text("#run") == "Run"
    np.testing.assert_allclose(
        np.ravel(tab.evaluate("window.playgroundState.coefs[0]")),
        server.playground.estimator_.coef_.ravel(),
    )
    shot = tmp_path / "playground.png"
    tab.screenshot(path=str(shot))
    pixels = imread(shot)[..., :3].reshape(-1, 3)
    assert len(np.unique((pixels * 255).astype(int), axis=0)) > 50
    if os.environ.get("SKSIGMOID_SCREENSHOTS"):
        shutil.copyfile(shot, SCREENSHOT)
    state = _state_after(tab, "#reset", "window.playgroundState.epoch === 0")
    assert state["loss_curve"] == []
    np.testing.assert_allclose(np.ravel(state["coefs"][0]), [0.0, 0.0], atol=1e-12)
