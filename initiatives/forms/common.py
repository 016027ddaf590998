"""What several forms share: how fiscal years and dates are asked for."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEAR_HELP = _("For example 2024 or 令和6年度.")
