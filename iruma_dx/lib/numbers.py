"""Reading numbers as Japanese staff type them.

Full-width digits (１２００), thousands separators (1,200 / １，２００) and
full-width signs are accepted; anything else is refused with a message in
the active language, never silently guessed.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", re.ASCII)
# Minus signs that NFKC leaves alone: U+2212 MINUS SIGN, U+2012 FIGURE DASH.
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-"})

INVALID_NUMBER = _("Enter a number, for example 1200 or １，２００.")


def read_number(value: object) -> Decimal | None:
    """Return the number typed in ``value`` as a Decimal (None when blank).

    Raises ValidationError (code ``invalid``) for anything that is not a
    plain number with optional thousands separators.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(INVALID_NUMBER, code="invalid")
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        # Spreadsheet cells arrive as floats; str() keeps what was shown.
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).translate(_MINUS).strip()
        if not text:
            return None
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        elif not _PLAIN.fullmatch(text):
            raise ValidationError(INVALID_NUMBER, code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation as error:  # pragma: no cover - regex guards it
            raise ValidationError(INVALID_NUMBER, code="invalid") from error
    if not number.is_finite():
        raise ValidationError(INVALID_NUMBER, code="invalid")
    return number


class NumberField(forms.DecimalField):
    """A DecimalField that reads full-width digits and thousands separators.

    It renders as a text box (``inputmode="decimal"``): a ``type=number``
    input would make the browser refuse 「１，２００」 before we could read it.
    """

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return read_number(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "decimal"
        return attrs

    def prepare_value(self, value):
        # Show 480, not the database's 480.00.
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f")
        return value
