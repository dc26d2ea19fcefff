"""Which sources file the crawl reads: --sources, else PATCLAIMS_SOURCES, else the user's, else the shipped one.

The user's file lives in the user config directory (platformdirs), so edits
survive an upgrade: `patclaims sources` prints the file in use, and copying
the shipped one there is the way to start one's own.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PATCLAIMS_SOURCES"
SHIPPED = "shipped with patclaims"


def shipped_sources_path() -> Path:
    return Path(__file__).with_name("sources.toml")


def user_sources_path() -> Path:
    from platformdirs import user_config_path
    return user_config_path("patclaims", appauthor=False) / "sources.toml"


def sources_in_use(explicit: str | os.PathLike | None = None) -> tuple[Path, str]:
    """(the sources file, where the choice came from)."""
    if explicit:
        return Path(explicit), "given with --sources"
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]), f"named by {ENV_VAR}"
    user = user_sources_path()
    if user.exists():
        return user, "in the user config directory"
    return shipped_sources_path(), SHIPPED


def default_sources_path() -> Path:
    return sources_in_use()[0]
