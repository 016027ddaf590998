from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib import kana

ALPHANUMERIC = "英数"


def validate_kana(value: str) -> None:
    """Refuse a reading that is not written in kana."""
    if not kana.is_kana_reading(value):
        raise ValidationError(
            _("Write the reading in kana (hiragana or katakana)."), code="not_kana"
        )


class TermQuerySet(models.QuerySet):
    def search(self, query: str) -> "TermQuerySet":
        """Filter to terms whose term, reading or meaning contains ``query``.

        Width, case, spacing and hiragana/katakana do not matter: 「でじたる」
        finds デジタル, 「ｅｂｐｍ」 finds EBPM.
        """
        folded = kana.search_form(query)
        if not folded:
            return self
        return self.filter(search_text__contains=folded)


class Term(models.Model):
    """A word of the 用語集, in the order a Japanese dictionary would give."""

    number = models.PositiveIntegerField(_("No."), unique=True)
    term = models.CharField(_("term"), max_length=100, unique=True)
    reading = models.CharField(
        _("reading"),
        max_length=200,
        validators=[validate_kana],
        help_text=_("In kana. It decides where the term is filed and sorted."),
    )
    meaning = models.TextField(_("meaning"))
    # Derived on save, so that the database can sort and search.
    sort_key = models.CharField(max_length=2000, editable=False, db_index=True)
    search_text = models.TextField(editable=False)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="glossary_term_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.sort_key, self.search_text = derived_fields(
            self.term, self.reading, self.meaning
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("glossary:term", args=[self.number])

    @property
    def index_label(self) -> str:
        """Return the heading the term is filed under: 英数, あ行 … わ行."""
        if kana.is_alphanumeric_start(self.term):
            return ALPHANUMERIC
        row = kana.index_row(self.reading)
        return f"{row}行" if row else ALPHANUMERIC


def derived_fields(term: str, reading: str, meaning: str) -> tuple[str, str]:
    """Return (sort_key, search_text) for a term; data migrations use it too.

    英数 terms come first, ordered by the term ignoring case; the rest follow
    in 五十音 order of their reading.
    """
    if kana.is_alphanumeric_start(term):
        sort_key = "0" + kana.alphanumeric_key(term)
    else:
        sort_key = "1" + kana.gojuon_key(reading) + "0" + kana.alphanumeric_key(term)
    search_text = "\n".join(kana.search_form(part) for part in (term, reading, meaning))
    return sort_key, search_text
