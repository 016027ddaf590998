"""Demo annual reports (used by ``seed_demo``): the closed years, published.

Works on whatever DX points the demo has: a closed fiscal year with approved
points gets a published version 1, written from its own figures; a year that
already has a report, or has no points, is left alone. Running it twice
changes nothing.
"""

from __future__ import annotations

from django.utils import translation

from initiatives.models import FiscalYear, Phase, User, rounded
from iruma_dx.lib.spreadsheet import plain_number

from . import highlights, services
from .models import AnnualReport
from .rollups import counted_points, roll_up

HIGHLIGHTS = 2


def build(by: User) -> list[AnnualReport]:
    """Publish the annual report of each closed year that has points."""
    published = []
    with translation.override("ja"):
        for fiscal_year in FiscalYear.objects.filter(phase=Phase.CLOSED).order_by(
            "year"
        ):
            if fiscal_year.annual_reports.exists():
                continue
            if not counted_points(fiscal_year).exists():
                continue
            published.append(_publish(fiscal_year, by))
    return published


def _publish(fiscal_year: FiscalYear, by: User) -> AnnualReport:
    rollup = roll_up(fiscal_year)
    comments = {
        department.pk: _department_comment(department.name, figures)
        for department, figures in rollup.by_department
        if figures.points
    }
    best = highlights.best(fiscal_year, HIGHLIGHTS)
    draft = services.save_draft(
        fiscal_year,
        summary=_summary(fiscal_year, rollup.totals),
        comments=comments,
        highlights=best,
        revision=0,
        by=by,
    )
    return services.publish_annual_report(draft, revision=draft.revision, by=by)


def _rate(figures) -> str:
    rate = rounded(figures.average_rate)
    return "—" if rate is None else f"{rate}%"


def _summary(fiscal_year: FiscalYear, totals) -> str:
    a, b, c, d = totals.levels
    return (
        f"{fiscal_year.label}は、各部で{totals.points}件のDXポイントが承認され、"
        f"そのうち{totals.confirmed}件の年度末報告を部長が確認しました。"
        f"数値指標のあるポイントの平均達成率は{_rate(totals)}、"
        f"達成度はAが{a}件、Bが{b}件、Cが{c}件、Dが{d}件でした。\n\n"
        f"削減できた職員の作業時間は年間{plain_number(totals.hours_saved):,}時間で、"
        f"常勤職員に換算すると{totals.fte_saved:.2f}人分です。"
        "2040年に向けて、書かない窓口やデータ連携の取組を全庁に広げていきます。"
    )


def _department_comment(name: str, figures) -> str:
    return (
        f"{name}は{figures.points}件のDXポイントに取り組み、"
        f"{figures.confirmed}件の報告が確認されました（平均達成率 {_rate(figures)}）。"
    )
