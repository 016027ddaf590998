"""Technologies the points name (the DX office adds to the national survey's)."""

from __future__ import annotations

from django import forms

from ..models import Technology


class TechnologyForm(forms.ModelForm):
    class Meta:
        model = Technology
        fields = ["name", "display_order"]
