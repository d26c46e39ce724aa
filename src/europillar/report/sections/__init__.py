"""Report sections: one module per domain, each with ``build(year: int) -> Section | None``.

A section module returns ``None`` when its engine has nothing to show; the report skips it.
Sections never read files other than through the data API and never print.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

SECTION_MODULES = [
    "europillar.report.sections.power",
    "europillar.report.sections.burden",
    "europillar.report.sections.capability",
    "europillar.report.sections.transition",
    "europillar.report.sections.decisions",
    "europillar.report.sections.procurement",
    "europillar.report.sections.isr",
    "europillar.report.sections.command",
]


@dataclass(frozen=True)
class Section:
    """One block of the HTML report.

    ``html`` is a fragment (headings h3 and below, tables, inline SVG figures);
    ``source_ids`` name rows of the sources registry cited by the section.
    """

    id: str
    title: str
    html: str
    source_ids: list[str] = field(default_factory=list)


def section_builders() -> list[tuple[str, Callable[[int], Section | None]]]:
    """(module name, build function) for every section module that exists, in report order."""
    builders: list[tuple[str, Callable[[int], Section | None]]] = []
    for name in SECTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        builders.append((name, module.build))
    return builders


def build_sections(year: int, progress: Callable[[str], None] | None = None) -> list[Section]:
    """Build every section for ``year``; ``progress(name)`` is called after each module."""
    sections: list[Section] = []
    for name, build in section_builders():
        section = build(year)
        if section is not None:
            sections.append(section)
        if progress is not None:
            progress(name)
    return sections
