"""The DXer roster of a fiscal year: sections covered, DXers, training.

The organisation page, the annual report and the national survey pack read
these figures from here. Three queries whatever the size of the city.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .models import Assignment, Role, Section, Training, rounded
from .models.results import ONE_DECIMAL


@dataclass(frozen=True)
class Roster:
    """Who promotes DX in a fiscal year's sections, and the training they took."""

    year: int
    sections: int = 0
    sections_with_dxer: int = 0
    dxers: int = 0
    dxers_trained: int = 0
    people_trained: int = 0
    trainings: int = 0
    training_hours: Decimal = Decimal(0)
    dxer_training_hours: Decimal = Decimal(0)
    uncovered: list[int] = field(default_factory=list)  # ids of sections

    @property
    def coverage(self) -> Decimal | None:
        """The share of sections with a DXer, in percent to one decimal."""
        if not self.sections:
            return None
        return rounded(Fraction(self.sections_with_dxer * 100, self.sections))

    def as_json(self) -> dict:
        coverage = self.coverage
        return {
            "sections": self.sections,
            "sections_with_dxer": self.sections_with_dxer,
            "coverage": None if coverage is None else float(coverage),
            "dxers": self.dxers,
            "dxers_trained": self.dxers_trained,
            "people_trained": self.people_trained,
            "trainings": self.trainings,
            "training_hours": _number(self.training_hours),
            "dxer_training_hours": _number(self.dxer_training_hours),
        }


def _number(value: Decimal) -> int | float:
    value = rounded(value, ONE_DECIMAL)
    return int(value) if value == value.to_integral_value() else float(value)


def roster_of(year: int) -> Roster:
    """The roster of fiscal ``year``: sections that exist then and their DXers.

    A DXer is a person with the DXer role in any part of the year; training
    counts when it was taken between 1 April and 31 March.
    """
    sections = list(Section.objects.active_in(year).values_list("pk", flat=True))
    held = Assignment.objects.active_in(year).filter(role=Role.DXER)
    dxers_of: dict[int, set[int]] = defaultdict(set)
    dxers: set[int] = set()
    for user_id, section_id in held.values_list("user_id", "section_id"):
        dxers_of[section_id].add(user_id)
        dxers.add(user_id)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    trainings = 0
    for user_id, taken in Training.objects.in_fiscal_year(year).values_list(
        "user_id", "hours"
    ):
        hours[user_id] += taken
        trainings += 1
    return Roster(
        year=year,
        sections=len(sections),
        sections_with_dxer=sum(1 for pk in sections if dxers_of.get(pk)),
        dxers=len(dxers),
        dxers_trained=len(dxers & set(hours)),
        people_trained=len(hours),
        trainings=trainings,
        training_hours=sum(hours.values(), Decimal(0)),
        dxer_training_hours=sum(
            (hours[user_id] for user_id in dxers & set(hours)), Decimal(0)
        ),
        uncovered=[pk for pk in sections if not dxers_of.get(pk)],
    )
