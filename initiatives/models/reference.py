"""The Vision's reference data: principles, focus areas, design articles, stages.

Rows come from data migrations (the seed document) and stay editable in
Django admin. The focus areas come from an edition of the national
自治体DX推進計画: each fiscal year uses one edition (DESIGN.md "Reference data
with editions"). Technologies are reference data the DX office adds to.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Principle(models.Model):
    """One of the five DXの心得 every DX point is written against."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("DX principle")
        verbose_name_plural = _("DX principles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="principle_number_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return _("Principle %(number)s") % {"number": self.number}

    @property
    def summary(self) -> str:
        """The first paragraph of the explanation."""
        return self.description.split("\n\n", 1)[0]


class NationalPlanEditionQuerySet(models.QuerySet):
    def newest(self) -> NationalPlanEdition | None:
        """The edition published last: a newly opened year uses it by default."""
        return self.order_by("-published_on", "-code").first()


class NationalPlanEdition(models.Model):
    """An edition of the national 自治体DX推進計画, whose focus areas years tag from.

    Not to be confused with ``Plan``, the city's own plans (行政計画).
    """

    code = models.CharField(
        _("edition"), max_length=10, unique=True, help_text=_("For example 2.3.")
    )
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("published on"))

    objects = NationalPlanEditionQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "code"]
        verbose_name = _("edition of the national DX plan")
        verbose_name_plural = _("editions of the national DX plan")

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        """第2.3版, as the edition is usually named."""
        return _("edition %(code)s") % {"code": self.code}


class FocusAreaQuerySet(models.QuerySet):
    def same_in_edition(self, areas, edition_id: int) -> list[FocusArea]:
        """The areas of edition ``edition_id`` named like ``areas``.

        A point carried into a year of another edition keeps the focus areas
        that edition has too (by name); the others have no counterpart.
        """
        names = {area.name for area in areas}
        if not names:
            return []
        return list(self.filter(edition_id=edition_id, name__in=names))

    def of_edition(self, edition_id: int) -> FocusAreaQuerySet:
        return self.filter(edition_id=edition_id).order_by("number")


class FocusArea(models.Model):
    """One of the 重点取組事項 of an edition of the national 自治体DX推進計画."""

    edition = models.ForeignKey(
        NationalPlanEdition,
        on_delete=models.PROTECT,
        related_name="focus_areas",
        verbose_name=_("edition of the national DX plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        ordering = ["edition__published_on", "number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="focus_area_number_per_edition"
            ),
            models.UniqueConstraint(
                fields=["edition", "name"], name="focus_area_name_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Technology(models.Model):
    """A technology a DX point uses (AI, RPA, 電子申請 …), as the national survey asks.

    The DX office adds to the list; a technology some point names is kept.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")

    def __str__(self) -> str:
        return self.name


class DesignArticle(models.Model):
    """One of the サービス設計12箇条."""

    number = models.PositiveSmallIntegerField(_("article"), unique=True)
    title = models.CharField(_("title"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("service design article")
        verbose_name_plural = _("service design articles")

    def __str__(self) -> str:
        return _("Article %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.title,
        }


class Stage(models.TextChoices):
    """How far a piece of work goes (seed chapter 3 (2))."""

    DIGITIZATION = "digitization", _("Digitization")
    DIGITALIZATION = "digitalization", _("Digitalization")
    TRANSFORMATION = "transformation", _("Digital transformation (DX)")

    @classmethod
    def describe(cls, value: str) -> str:
        return STAGE_DESCRIPTIONS[value]

    @classmethod
    def from_text(cls, text: str) -> Stage | None:
        """Read a stage written as its code, its Japanese or its English name."""
        wanted = text.strip().casefold()
        for stage in cls:
            names = {stage.value}
            for language in ("ja", "en"):
                with translation.override(language):
                    names.add(str(stage.label).casefold())
            names.update(STAGE_ALIASES.get(stage.value, ()))
            if wanted in {name.casefold() for name in names}:
                return stage
        return None


STAGE_DESCRIPTIONS = {
    Stage.DIGITIZATION: _(
        "Analogue information such as handwriting is turned into data, "
        "without changing how the work is done."
    ),
    Stage.DIGITALIZATION: _(
        "Digitised information is used with digital technology to make the "
        "work more efficient."
    ),
    Stage.TRANSFORMATION: _(
        "Assuming digital technology and data exist, the work or the service "
        "itself is redesigned from zero."
    ),
}

# Other ways staff write the stages in spreadsheets.
STAGE_ALIASES = {
    "digitization": ("デジタイゼーション",),
    "digitalization": ("デジタライゼーション",),
    "transformation": (
        "DX",
        "デジタル・トランスフォーメーション",
        "デジタルトランスフォーメーション",
    ),
}
