"""Forms of the annual report. They validate; ``evaluation.services`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import DxPoint

from .templatetags.evaluation_tags import level_label, rate

MAX_HIGHLIGHTS = 10
TEXT_LIMIT = 20_000


class HighlightField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, point: DxPoint) -> str:
        report = point.report
        result = level_label(report.level)
        if report.rounded_rate is not None:
            result = f"{result}, {rate(report.rounded_rate)}"
        return f"{point.title}（{point.section.department} {point.section}・{result}）"


class DraftForm(forms.Form):
    """The DX office's summary and highlights (departments' comments apart)."""

    stale = None  # the draft as saved by someone else, after a conflict

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    summary = forms.CharField(
        label=_("Overall summary (分析・考察)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What the year's figures show, what worked and what to do next. "
            "Needed before publishing."
        ),
    )
    highlights = HighlightField(
        label=_("Highlighted points (横展開)"),
        queryset=DxPoint.objects.none(),
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["highlights"].queryset = candidates
        self.fields["highlights"].help_text = _(
            "Good practice other sections can follow. Approved points with a "
            "confirmed report; at most %(count)s."
        ) % {"count": MAX_HIGHLIGHTS}

    def clean_highlights(self):
        points = self.cleaned_data["highlights"]
        if len(points) > MAX_HIGHLIGHTS:
            raise forms.ValidationError(
                _("Choose at most %(count)s points.") % {"count": MAX_HIGHLIGHTS}
            )
        return points

    def clean(self):
        if "revision" in self.errors:
            # A hidden field: say so where the person can see it.
            raise forms.ValidationError(
                _("The page is out of date. Reload it and enter your changes again.")
            )
        return super().clean()


class DepartmentCommentForm(forms.Form):
    """The draft's comment on one department, written on that department's page."""

    stale = None  # the comment as saved by someone else, after a conflict

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    body = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Leave it empty to remove the comment."),
    )

    def clean(self):
        if "revision" in self.errors:
            raise forms.ValidationError(
                _("The page is out of date. Reload it and enter your changes again.")
            )
        return super().clean()


class PublishForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(
        label=_(
            "I have checked the preview. Publish this version for every member "
            "of staff; it cannot be changed afterwards."
        ),
        error_messages={"required": _("Tick the box to confirm the publishing.")},
    )

    def clean(self):
        if "revision" in self.errors:
            raise forms.ValidationError(
                _("The page is out of date. Reload it and enter your changes again.")
            )
        return super().clean()
