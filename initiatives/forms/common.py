"""What several forms share: how fiscal years and dates are asked for."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RevisionField(forms.IntegerField):
    """The revision of a point or report the editor loaded (the edit guard).

    Hidden from view; a page that sends something else (an old page, a
    tampered one) is told so in the form's error summary.
    """

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": _(
            "This page is out of date or damaged. Open it again and redo your changes."
        ),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=0, max_value=2**31 - 1, **kwargs)
        invalid = self.error_messages["invalid"]
        self.error_messages.update(min_value=invalid, max_value=invalid)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEAR_HELP = _("For example 2024 or 令和6年度.")
