"""Every command in the README's console blocks prints what the README shows (regenerate: python -m tests.readme --update)."""
from __future__ import annotations

import difflib

import pytest

from . import readme

LINES = readme.README.read_text("utf-8").split("\n")
COMMANDS = readme.parse(LINES)


@pytest.fixture(scope="module")
def ran():
    commands = readme.parse(LINES)
    readme.run_all(commands)
    return {c.line: c for c in commands}


def test_the_readme_has_console_blocks_to_check():
    assert len(COMMANDS) >= 8 and all(c.expected or "ingest" in c.command for c in COMMANDS)


@pytest.mark.parametrize("line", [c.line for c in COMMANDS], ids=[f"README:{c.line + 1} {c.command[:50]}" for c in COMMANDS])
def test_readme_command_prints_what_the_readme_shows(ran, line):
    c = ran[line]
    if c.skipped:
        pytest.skip(c.skipped)
    diff = "\n".join(difflib.unified_diff(c.expected, c.actual, "README", "program", lineterm=""))
    assert c.ok, f"$ {c.command}\n{diff}\n(python -m tests.readme --update writes the program's output into the README)"


def test_an_elision_matches_any_text_and_nothing_else_changes():
    assert readme.line_matches('{"path": "a", "text": "[…]", "n": 1}', '{"path": "a", "text": "long…", "n": 1}')
    assert not readme.line_matches('{"path": "a", "text": "[…]", "n": 1}', '{"path": "b", "text": "x", "n": 1}')
    assert not readme.lines_match(["a", "b"], ["a"])


def test_update_shortens_again_a_line_that_was_shortened():
    old = '{"path": "a", "text": "Lorem[…]", "canonical_url": "u", "claims": [1]}'
    new = '{"path": "a", "text": "Lorem ipsum dolor", "canonical_url": "u", "claims": [1, 2]}'
    assert readme.shortened(old, new) == '{"path": "a", "text": "Lorem[…]", "canonical_url": "u", "claims": [1, 2]}'
    assert readme.shortened(old, '{"path": "b"}') == '{"path": "b"}'
