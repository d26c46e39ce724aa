"""Open publisher Excel workbooks with errors that name the file."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from europillar.errors import InputError


def open_workbook(path: str | Path, read_only: bool) -> Any:
    """Load an .xlsx workbook (cached values, not formulas) or raise InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), None, str(path), "file not found")
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            str(path),
            None,
            path.name,
            f"not a readable .xlsx workbook (truncated or wrong format: {exc})",
        ) from exc


def require_sheets(workbook: Any, path: str | Path, wanted: list[str]) -> None:
    """Raise when a sheet the importer reads is absent (wrong file or wrong edition)."""
    for sheet in wanted:
        if sheet not in workbook.sheetnames:
            raise InputError(
                str(path),
                "sheet",
                sheet,
                "sheet missing: wrong file or wrong edition of the workbook",
                allowed=workbook.sheetnames,
            )
