"""The executive summary: the report's questions answered in numbers, on one page.

Each answer is computed from the same engine results the sections show (never a second
computation), names its data coverage beside the figure, links to its section and cites
its sources. A question whose engine did not run, or whose figures are missing, says so
in words instead of showing a number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from europillar.export import labels

if TYPE_CHECKING:
    from europillar.report.section import ReportContext
    from europillar.result import Result

GAP_PROBABILITY_PCT = 50.0  # "the gap lasts" while at least one category is short in most draws


@dataclass(frozen=True)
class Answer:
    """One question of the summary and its answer in numbers."""

    question: str
    figure: str
    answer: str
    coverage: str
    link: str
    sources: list[str] = field(default_factory=list)


def _fmt(value: float, digits: int = 0) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def _ids(cells: pd.Series) -> list[str]:
    return sorted({s for cell in cells.dropna() for s in str(cell).split(";") if s})


def power_answer(result: Result, year: int) -> Answer:
    frame = result.tables["comparison"]
    constant = str(result.meta.get("constant", "milex_usd_constant2023_m"))
    base = constant.removeprefix("milex_usd_constant").removesuffix("_m")
    part = frame[(frame["year"] == year) & (frame["indicator"] == constant)]
    value = {r.bloc: r for r in part.itertuples()}
    if "USA" not in value or "EUROPEAN_NATO" not in value:
        return Answer(
            "How does Europe's military power compare with the US?",
            "–",
            "The comparison lacks the US or European NATO for this year.",
            "",
            "#power",
        )
    usa, eur = value["USA"], value["EUROPEAN_NATO"]
    eu = value.get("EU27")
    ratio = 100 * eur.value / usa.value
    eu_text = (
        f"; the EU27 {_fmt(eu.value / 1e3)} bn ({_fmt(100 * eu.value / usa.value)} %)"
        if eu is not None
        else ""
    )
    return Answer(
        "How does Europe's military power compare with the US?",
        f"{_fmt(ratio)} %",
        f"European NATO spent USD {_fmt(eur.value / 1e3)} bn in {year} (constant {base} prices), "
        f"{_fmt(ratio)} % of the US's USD {_fmt(usa.value / 1e3)} bn{eu_text}.",
        f"{eur.n_members - eur.n_missing} of {eur.n_members} European NATO members and "
        f"{usa.n_members - usa.n_missing} of {usa.n_members} for the US have a {year} figure",
        "#power",
        _ids(part["sources"]),
    )


def burden_answer(result: Result, year: int) -> Answer:
    share = result.tables["us_share"].dropna(subset=["us_share_pct"])
    members = result.tables["members"]
    # the latest year in which most Allies have a figure (NATO publishes a year later
    # than SIPRI, and a new year starts with a few Allies only)
    others = members[(members["iso3"] != "USA") & (members["year"] <= year)]
    shares = others.groupby("year")["basis"].apply(lambda b: float((b != "").mean()))
    complete = [int(y) for y, share in shares.items() if share >= 0.8]
    if complete:
        year = max(complete)
    rows = members[(members["year"] == year) & (members["iso3"] != "USA")]
    known = rows[rows["basis"] != ""]
    at_2 = int((known["share_gdp_pct"] >= 2.0).sum())
    at_35 = int((known["share_gdp_pct"] >= 3.5).sum())
    if share.empty:
        return Answer(
            "Who carries the burden?", "–", "No US share of NATO spending computed.", "", "#burden"
        )
    last = share.iloc[-1]
    return Answer(
        "Who carries the burden?",
        f"{_fmt(last['us_share_pct'], 1)} %",
        f"The US paid {_fmt(last['us_share_pct'], 1)} % of NATO Allies' defence spending in "
        f"{int(last['year'])}. Of the other Allies with a {year} figure, {at_2} spent at "
        f"least 2 % of GDP and {at_35} at least 3.5 %.",
        f"{len(known)} of {len(rows)} Allies other than the US have a {year} figure; the US "
        f"share covers {int(last['n_members'] - last['n_missing'])} of "
        f"{int(last['n_members'])} Allies",
        "#burden",
        sorted({*_ids(share["sources"]), *_ids(known["sources"])}),
    )


def capability_answer(result: Result, ctx: ReportContext) -> Answer:
    table = result.tables["by_category"]
    gaps = table[table["gap"].fillna(0) > 0]
    if "coverage" in table.columns:
        enough = table[~table["coverage"].astype(str).str.startswith("insufficient")]
    else:
        enough = table[table["data_status"] != "missing"]
    budget = result.tables.get("budget")
    money = ""
    figure = f"{len(gaps)} categories"
    if budget is not None and "measure" in budget.columns:
        annual = budget[budget["measure"] == "annual_cost_to_close"]
        if not annual.empty and not math.isnan(float(annual["value"].iloc[0])):
            value = float(annual["value"].iloc[0])
            unit = str(annual["unit"].iloc[0]).replace("USD m", "USD bn")
            money = f" Closing them costs about {_fmt(value / 1e3, 1)} {unit} (central)."
            figure = f"USD {_fmt(value / 1e3, 1)} bn a year"
    names = ", ".join(labels.category(c) for c in gaps["category"].head(5))
    more = f" and {len(gaps) - 5} more" if len(gaps) > 5 else ""
    return Answer(
        "What does Europe lack without the US, and what would it cost?",
        figure,
        f"Under {ctx.scenario.name}, Europe falls short in {len(gaps)} of {len(table)} "
        f"capability categories ({names}{more}).{money}",
        f"{len(enough)} of {len(table)} categories have figures for members making at least "
        "80 % of the bloc's spending; the others are marked 'insufficient data' in section 3",
        "#capability",  # the section cites its many sources table by table
    )


def transition_answer(result: Result, threshold: float = 90.0) -> Answer:
    """When Europe alone covers every category (probability at least 0.9), and how deep
    and how long the shortfall is; all read off the transition's fan."""
    probability = result.tables["gap_probability"]
    categories = result.tables["categories"]
    modelled = categories[categories["category"] != "all"]
    short = probability[probability["prob_any_gap_pct"] > GAP_PROBABILITY_PCT]
    if short.empty:
        window = "In no year is any category short in more than half of the draws."
    else:
        first, last = int(short["year"].min()), int(short["year"].max())
        window = (
            f"At least one category is short in more than half of the draws in "
            f"{len(short)} years between {first} and {last}."
        )
    overall = categories[categories["category"] == "all"]
    if not overall.empty and "europe_alone" in overall:
        row = overall.iloc[0]
        alone = str(row["europe_alone"])
        depth = float(row["worst_shortfall_pct"])
        deepest = (
            f" The deepest median shortfall is {_fmt(depth, 1)} % of a category's "
            f"requirement, in {int(row['worst_shortfall_year'])}."
            if depth > 0
            else " The median run has no shortfall in any year."
        )
        figure = alone
        text = (
            f"European forces alone reach {threshold:g} % of the requirement in every "
            f"modelled category with probability of at least 0.9 in {alone}.{deepest} {window}"
        )
    else:
        figure = f"{len(short)} years"
        text = window
    return Answer(
        "How long does the transition gap last?",
        figure,
        text,
        f"{len(modelled)} capability {'category' if len(modelled) == 1 else 'categories'} modelled (with a requirement and "
        f"European figures), {result.meta.get('draws', '?')} draws, seed "
        f"{result.meta.get('seed', '?')}",
        "#transition",
    )


def decisions_answer(result: Result) -> Answer:
    power = result.tables["voting_power"]
    qmv = power[power["rule"] == "qmv"] if "qmv" in set(power["rule"]) else power
    top = qmv.sort_values("banzhaf_normalized", ascending=False).head(4)
    share = 100 * float(top["banzhaf_normalized"].sum())
    names = ", ".join(labels.country(i) for i in top["iso3"])
    return Answer(
        "Who decides?",
        f"{_fmt(share)} %",
        f"Under qualified majority the four largest members ({names}) hold {_fmt(share)} % of "
        f"the voting power (normalised Banzhaf) of {len(qmv)} members; under unanimity "
        "each one can block alone.",
        f"{len(qmv)} of {len(qmv)} members with a Council population figure "
        f"({result.meta.get('population_year', '')})",
        "#decisions",
        [s for s in result.sources if s.startswith(("dec_council", "dec_agence", "dec_consilium"))],
    )


def answers(results: Mapping[str, Result], ctx: ReportContext) -> list[Answer]:
    """Every answer the results allow, in the report's order."""
    out = []
    if "power" in results:
        out.append(power_answer(results["power"], ctx.year))
    if "burden" in results:
        out.append(burden_answer(results["burden"], ctx.year))
    if "capability" in results:
        out.append(capability_answer(results["capability"], ctx))
    if "transition" in results:
        transition = results["transition"]
        threshold = float(transition.meta.get("threshold_pct", 90.0))
        out.append(transition_answer(transition, threshold))
    if "decisions" in results:
        out.append(decisions_answer(results["decisions"]))
    return out
