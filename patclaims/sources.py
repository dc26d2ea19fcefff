"""The crawl sources file (filled in by the crawl work)."""
from pathlib import Path


def default_sources_path() -> Path:
    return Path(__file__).with_name("sources.toml")
