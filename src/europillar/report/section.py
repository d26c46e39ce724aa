"""What a report section is, what it is given, and how its failure is reported.

A section renders one engine result (from the runner) into an HTML fragment; it never
computes engine inputs and never reads files. The context gives it the reference year,
the scenario and the dataset (for labels and names only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.result import Result
    from europillar.scenario.schema import Scenario

BLOC_LABELS = {
    "EU27": "EU27",
    "EUROPEAN_NATO": "European NATO",
    "NATO": "NATO",
    "USA": "United States",
    "RUS": "Russia",
    "CHN": "China",
}


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


@dataclass(frozen=True)
class ReportContext:
    """The reference year, the scenario the report is built from, and the dataset."""

    year: int
    scenario: Scenario
    dataset: Dataset
    commands: Mapping[str, str] = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """ISO3 -> country name."""
        return self.dataset.country_names()

    def label(self, bloc: str) -> str:
        """A bloc's or a country's name for readers."""
        return BLOC_LABELS.get(bloc, self.names().get(bloc, bloc))

    def reproduce(self, domain: str) -> str:
        """The command that gives this section's tables (same scenario, same options)."""
        return self.commands.get(domain, "")


SectionRender = Callable[["Result", ReportContext], Section]


@dataclass(frozen=True)
class SectionSpec:
    """A section of the report: its id, the engine it shows, and how it renders."""

    id: str
    domain: str
    render: SectionRender


class SectionError(Exception):
    """A report section failed; the message names the section and the cause."""

    def __init__(self, section: str, cause: BaseException) -> None:
        self.section = section
        self.cause = cause
        detail = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
        text = f"report section '{section}' failed: {type(cause).__name__}"
        super().__init__(f"{text}: {detail}".rstrip(".") + "." if detail else text + ".")
