"""Log lines on stderr that progress bars survive, at the verbosity asked for.

Default: patclaims' warnings, the libraries' errors. ``-v``: patclaims' own
information too. ``-vv``: everything, the libraries' debug lines included.
``--quiet``: errors only.
"""
from __future__ import annotations

import logging
import sys

_HANDLER_NAME = "patclaims-stderr"


class BarSafeHandler(logging.StreamHandler):
    """Writes through tqdm when a progress bar may be on screen, so the line does not break into the bar."""

    def emit(self, record: logging.LogRecord) -> None:
        tqdm = sys.modules.get("tqdm")
        if tqdm is None:
            super().emit(record)
            return
        try:
            tqdm.tqdm.write(self.format(record), file=sys.stderr)
        except Exception:          # noqa: BLE001 - logging must never fail the command
            self.handleError(record)


def configure(verbosity: int = 0, quiet: bool = False) -> None:
    """Set the levels; safe to call again when a later option changes them."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if h.get_name() == _HANDLER_NAME), None)
    if handler is None:
        handler = BarSafeHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    own = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    libraries = logging.DEBUG if verbosity >= 2 else logging.ERROR
    root.setLevel(libraries)
    handler.setLevel(logging.DEBUG)
    logging.getLogger("patclaims").setLevel(own)
