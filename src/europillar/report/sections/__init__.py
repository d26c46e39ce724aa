"""The report's sections, in report order: each renders one engine's result.

A typed registry (``SECTIONS``): the section's id, the domain whose result it renders
and its render function. The report runs every domain a section needs through the one
runner, then renders; a section that fails stops the report (``SectionError``).
"""

from __future__ import annotations

from europillar.report.section import Section, SectionError, SectionSpec
from europillar.report.sections import (
    burden,
    capability,
    command,
    countries,
    decisions,
    isr,
    power,
    procurement,
    transition,
)

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("power", "power", power.render),
    SectionSpec("burden", "burden", burden.render),
    SectionSpec("capability", "capability", capability.render),
    SectionSpec("transition", "transition", transition.render),
    SectionSpec("decisions", "decisions", decisions.render),
    SectionSpec("procurement", "procurement", procurement.render),
    SectionSpec("isr", "isr", isr.render),
    SectionSpec("command", "command", command.render),
    SectionSpec("countries", "profile", countries.render),
)

__all__ = ["SECTIONS", "Section", "SectionError", "SectionSpec"]
