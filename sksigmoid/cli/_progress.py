"""A one-line progress bar over the epochs of a known number of fits."""

import time

from sksigmoid._engine._loop import epoch_listener


class ProgressBar:
    """Draw the progress of ``n_fits`` fits on ``stream``, epoch by epoch.

    Inside ``with ProgressBar(...)``, every epoch of every fit moves the bar:
    a fit counts ``epochs_run / n_iter`` of its share until it stops, then its
    whole share. Nothing is drawn during the first ``delay`` seconds, so quick
    fits print nothing, and the line is erased on exit.

    Parameters
    ----------
    n_fits : int
        How many fits the ``with`` block runs (the folds, then the final fit).
    stream : file-like
        Where to draw: a terminal.
    delay : float, default=1.0
        Seconds before the bar first appears.
    interval : float, default=0.1
        Seconds between two redraws: redrawing every epoch would cost more
        than a fast epoch itself.
    width : int, default=30
        Characters of the bar itself.
    """

    def __init__(self, n_fits, stream, *, delay=1.0, interval=0.1, width=30):
        self.n_fits = n_fits
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.width = width

    def __enter__(self):
        self._fits_done = 0
        self._started = self._drawn_at = time.monotonic()
        self._drawn_length = 0
        self._token = epoch_listener.set(self._on_epoch)
        return self

    def __exit__(self, *exception):
        epoch_listener.reset(self._token)
        if self._drawn_length:
            self.stream.write("\r" + " " * self._drawn_length + "\r")
            self.stream.flush()

    def _on_epoch(self, epochs_run, n_iter, finished):
        fit_number = self._fits_done + 1
        if finished:
            self._fits_done += 1
        fraction = (
            self._fits_done + (not finished) * epochs_run / n_iter
        ) / self.n_fits
        now = time.monotonic()
        if now - self._started < self.delay:
            return
        if not finished and now - self._drawn_at < self.interval:
            return
        self._drawn_at = now
        filled = int(fraction * self.width)
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {int(fraction * 100):3d}%  "
            f"fit {fit_number}/{self.n_fits}, epoch {epochs_run}/{n_iter}  "
            f"{now - self._started:.0f} s"
        )
        self.stream.write("\r" + line.ljust(self._drawn_length))
        self.stream.flush()
        self._drawn_length = max(len(line), self._drawn_length)
