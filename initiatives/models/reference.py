"""The Vision's reference data: principles, focus areas, design articles, stages.

Rows come from data migrations (the seed document) and stay editable in
Django admin.
"""

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


class FocusArea(models.Model):
    """One of the six 重点取組事項 of the national 自治体DX推進計画."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

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
    def from_text(cls, text: str) -> "Stage | None":
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
