"""Errors a user can cause and fix, as distinct from bugs.

The command line prints a :class:`ClaimgraphError` as one line and exits 2;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_NONCONFORMANT = 1
EXIT_USAGE = 2


class ClaimgraphError(Exception):
    """A problem with the user's input or settings, reported in one line."""

    exit_code = EXIT_USAGE

    def __init__(self, problem: str, *, path: str | Path | None = None, hint: str | None = None):
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``FILE: problem (hint)``, on one line."""
        text = " ".join(self.problem.split())
        if self.path:
            text = f"{self.path}: {text}"
        if self.hint:
            text = f"{text} (hint: {' '.join(self.hint.split())})"
        return text


class InputError(ClaimgraphError):
    """An input file is missing, unreadable or malformed."""
