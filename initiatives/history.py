"""Reading the history that django-simple-history keeps of points and reports.

Turns historical records into what a person wants to read: when, who, which
object, and old → new for each field in words (names, not ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import (
    AchievementReport,
    Comment,
    DesignArticle,
    DxPoint,
    FocusArea,
    LeadingProject,
    Plan,
    Principle,
    Technology,
)

HIDDEN_FIELDS = {"revision", "updated_at", "created_at", "submitted_at", "reviewed_at"}
M2M_MODELS = {
    "principles": (Principle, "principle"),
    "focus_areas": (FocusArea, "focusarea"),
    "design_articles": (DesignArticle, "designarticle"),
    "technologies": (Technology, "technology"),
}
FK_MODELS = {"plan": Plan, "leading_project": LeadingProject}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: object
    what: str
    kind: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


class _Names:
    """Names of the rows history refers to by id, fetched once per kind."""

    def __init__(self) -> None:
        self.cache: dict[type, dict[int, str]] = {}

    def of(self, model, pk) -> str:
        if pk in (None, ""):
            return "—"
        if model not in self.cache:
            self.cache[model] = {row.pk: str(row) for row in model.objects.all()}
        return self.cache[model].get(int(pk), f"#{pk}")


def _display(record, name: str, value, names: _Names) -> str:
    if name in M2M_MODELS:
        model, key = M2M_MODELS[name]
        ids = sorted(row[key] for row in value or [])
        return "、".join(names.of(model, pk) for pk in ids) or "—"
    if name in FK_MODELS:
        return names.of(FK_MODELS[name], value)
    if name in {"reviewed_by", "created_by"}:
        return str(getattr(record, name) or "—")
    model_field = record.instance_type._meta.get_field(name)
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "—" if value in (None, "") else str(value)


def _label(record, name: str) -> str:
    return str(record.instance_type._meta.get_field(name).verbose_name)


def _changes(record, previous, names: _Names) -> list[Change]:
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    return [
        Change(
            _label(record, change.field),
            _display(previous, change.field, change.old, names),
            _display(record, change.field, change.new, names),
        )
        for change in delta.changes
    ]


KIND = {"+": "created", "~": "changed", "-": "deleted"}


def _entries(records: list, what: str, names: _Names) -> list[Entry]:
    entries = []
    previous = None
    for record in records:
        entries.append(
            Entry(
                when=record.history_date,
                who=record.history_user,
                what=what,
                kind=KIND[record.history_type],
                reason=record.history_change_reason or "",
                changes=_changes(record, previous, names),
            )
        )
        previous = record
    return entries


def history_entries(point: DxPoint, *, conversation: bool = True) -> list[Entry]:
    """Every change to the point, its report and its comments, newest first.

    ``conversation=False`` leaves out the comments and the year-end report
    (whose earlier entries hold the text before the head confirmed it):
    staff outside the section and its department read neither
    (``DxPoint.can_see_conversation``).
    """
    names = _Names()
    ordering = ("history_date", "history_id")
    entries = _entries(
        list(point.history.select_related("history_user").order_by(*ordering)),
        _("DX point"),
        names,
    )
    if conversation:
        report_records = list(
            AchievementReport.history.filter(point_id=point.pk)
            .select_related("history_user")
            .order_by(*ordering)
        )
        entries += _entries(report_records, _("Year-end report"), names)
    if conversation:
        entries += _comment_entries(point, names)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _comment_entries(point: DxPoint, names: _Names) -> list[Entry]:
    records = (
        Comment.history.filter(point_id=point.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    by_comment: dict[int, list] = {}
    for record in records:
        by_comment.setdefault(record.id, []).append(record)
    entries = []
    for comment_records in by_comment.values():
        entries += _entries(comment_records, _("Comment"), names)
    return entries


def changes_since(current: DxPoint | AchievementReport, revision: int) -> list[Change]:
    """What changed in ``current`` since the editor loaded ``revision`` of it."""
    names = _Names()
    records = list(current.history.order_by("history_date", "history_id"))
    loaded = next((r for r in reversed(records) if r.revision == revision), None)
    latest = records[-1] if records else None
    if loaded is None or latest is None or loaded == latest:
        return []
    return _changes(latest, loaded, names)
