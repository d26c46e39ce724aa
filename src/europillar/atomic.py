"""All-or-nothing writes: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (readers see the old or the new file, never half)."""
    write_many({Path(path): text})


def write_bytes(path: str | Path, data: bytes) -> None:
    write_many({Path(path): data})


def write_many(files: Mapping[Path, str | bytes]) -> None:
    """Write several files so that either all are replaced or none is.

    Every file is first written in full to a temporary sibling; only when all of them
    are written are they renamed into place. A failure before the renames leaves every
    target untouched.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((Path(tmp_name), target))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
