"""One table, two representations: JSON records (for the pages) or a CSV download."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

import pandas as pd
from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response

from europillar.errors import InputError
from europillar.tabular import table_csv, table_records

TableFormat = Literal["json", "csv"]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Canonical JSON rows (``europillar.tabular``): the same values as the CLI's JSON."""
    return table_records(frame)


def table_response(frame: pd.DataFrame, fmt: str, filename: str, **extra: Any) -> Response:
    """One table as JSON rows or a CSV download, in the canonical forms the CLI writes."""
    if fmt == "csv":
        return Response(
            table_csv(frame),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )
    return JSONResponse({**extra, "columns": list(map(str, frame.columns)), "rows": records(frame)})


_DRAWING = threading.Lock()
F = TypeVar("F", bound=Callable[..., Response])


def drawing(route: F) -> F:
    """Serialise a chart route: matplotlib's first import and pyplot itself are not safe
    from several threads at once, and the server answers requests in a thread pool."""

    @functools.wraps(route)
    def serial(*args: Any, **kwargs: Any) -> Response:
        with _DRAWING:
            return route(*args, **kwargs)

    return cast(F, serial)


def svg_response(text: str) -> Response:
    return Response(text, media_type="image/svg+xml")


def input_error(exc: InputError, prefix: str = "", status: int = 422) -> HTTPException:
    """A 4xx naming the field (the InputError's key path), the value and the reason."""
    field = f"{prefix}{exc.key}" if exc.key else (prefix.rstrip(".") or None)
    return HTTPException(
        status,
        detail={
            "field": field,
            "value": _jsonable(exc.value),
            "message": str(exc),
            "reason": exc.reason,
            "allowed": [str(a) for a in exc.allowed] if exc.allowed else None,
        },
    )


def field_error(field: str, value: Any, message: str, status: int = 422) -> HTTPException:
    return HTTPException(
        status,
        detail={
            "field": field,
            "value": _jsonable(value),
            "message": message,
            "reason": message,
            "allowed": None,
        },
    )


def not_found(what: str, ident: Any) -> HTTPException:
    return HTTPException(
        404,
        detail={
            "field": "id",
            "value": _jsonable(ident),
            "message": f"no {what} with id {ident}.",
            "reason": "not found",
            "allowed": None,
        },
    )


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)
