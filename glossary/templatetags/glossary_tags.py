"""Template filters that link glossary terms inside any text.

``{{ text|glossary_links }}`` turns the first occurrence of each term into a
link to its page, with a short definition that screen readers announce and
that shows as a tooltip on hover and keyboard focus. References written as
「No.14 Society 5.0 を参照」 become links to that term as well.
"""

import re
import threading
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from glossary.models import Term

register = template.Library()

TOOLTIP_LENGTH = 80
_REFERENCE = r"No\.\s?(?P<number>\d{1,4})"


@dataclass(frozen=True)
class _Entry:
    number: int
    term: str
    definition: str

    @property
    def url(self) -> str:
        return reverse("glossary:term", args=[self.number])


class _Linker:
    """The terms of one request, compiled into one regular expression."""

    def __init__(self, entries: list[_Entry]) -> None:
        self.by_term = {entry.term: entry for entry in entries}
        self.by_number = {entry.number: entry for entry in entries}
        # Longest first, so that 「AI-OCR」 wins over 「AI」.
        alternatives = [
            _bounded(entry.term)
            for entry in sorted(entries, key=lambda e: len(e.term), reverse=True)
        ]
        pattern = _REFERENCE
        if alternatives:
            pattern += "|(?P<term>" + "|".join(alternatives) + ")"
        self.pattern = re.compile(pattern)

    def link(self, text: str, exclude: int | None) -> SafeString:
        parts: list[str] = []
        linked: set[int] = set() if exclude is None else {exclude}
        position = 0
        for match in self.pattern.finditer(text):
            if match.start() < position:
                continue  # inside a reference already linked
            if match["number"]:
                entry = self.by_number.get(int(match["number"]))
                if entry is None or entry.number == exclude:
                    continue
                end = match.end()
                if text[end:].lstrip(" ").startswith(entry.term):
                    # Take the name that follows the number into the link.
                    end = text.index(entry.term, end) + len(entry.term)
                html = format_html(
                    '<a href="{}">{}</a>', entry.url, text[match.start() : end]
                )
            else:
                entry = self.by_term[match["term"]]
                if entry.number in linked:
                    continue
                linked.add(entry.number)
                end = match.end()
                html = _term_link(entry, match["term"])
            parts.append(conditional_escape(text[position : match.start()]))
            parts.append(html)
            position = end
        parts.append(conditional_escape(text[position:]))
        return mark_safe("".join(parts))


def _bounded(term: str) -> str:
    """Escape a term; Latin ends must not sit inside a longer word (DX/DXer)."""
    pattern = re.escape(term)
    if term[:1].isascii() and term[:1].isalnum():
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if term[-1:].isascii() and term[-1:].isalnum():
        pattern += r"(?![A-Za-z0-9])"
    return pattern


def _term_link(entry: _Entry, text: str) -> SafeString:
    return format_html(
        '<a class="glossary-term" href="{}">{}'
        '<span class="glossary-tip">（{}：{}）</span></a>',
        entry.url,
        text,
        _("Glossary"),
        entry.definition,
    )


def _definition(meaning: str) -> str:
    first = meaning.split("。", 1)[0].strip()
    if len(first) > TOOLTIP_LENGTH:
        return first[: TOOLTIP_LENGTH - 1] + "…"
    return first + ("。" if "。" in meaning else "")


_local = threading.local()


def _linker() -> _Linker:
    linker = getattr(_local, "linker", None)
    if linker is None:
        rows = Term.objects.order_by().values_list("number", "term", "meaning")
        linker = _Linker(
            [
                _Entry(number, term, _definition(meaning))
                for number, term, meaning in rows
            ]
        )
        _local.linker = linker
    return linker


def forget_terms(**kwargs) -> None:
    """Drop this thread's copy of the terms (a new request or a changed term)."""
    _local.linker = None


@register.filter(needs_autoescape=True)
def glossary_links(text, exclude=None, autoescape=True):
    """Link glossary terms in ``text``; ``exclude`` is a term number to skip.

    The text is always escaped: HTML typed by a user stays visible as text.
    """
    if text is None or text == "":
        return ""
    exclude_number = getattr(exclude, "number", exclude)
    return _linker().link(str(text), int(exclude_number) if exclude_number else None)
