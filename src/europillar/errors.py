"""The one error type users see: it names the file, the key path and the bad value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class InputError(Exception):
    """Bad input from a user-supplied or shipped file.

    The CLI prints ``str(error)`` as one sentence and exits with code 2.
    """

    def __init__(
        self,
        file: str | None,
        key: str | None,
        value: Any,
        reason: str,
        allowed: Iterable[Any] | None = None,
    ) -> None:
        self.file = file
        self.key = key
        self.value = value
        self.reason = reason
        self.allowed = list(allowed) if allowed is not None else None
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.key:
            where.append(f"key '{self.key}'")
        head = ", ".join(where)
        text = (
            f"{head}: value {self.value!r}: {self.reason}"
            if head
            else (f"value {self.value!r}: {self.reason}")
        )
        if self.allowed:
            shown = ", ".join(str(a) for a in self.allowed[:30])
            more = " …" if len(self.allowed) > 30 else ""
            text += f" (allowed: {shown}{more})"
        return text.rstrip(".") + "."
