"""What several forms share: how fiscal years and dates are asked for."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.widgets import LongSelect


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


# Django writes 「---------」 for "nothing chosen"; people read words instead.
CHOOSE_ONE = _("Choose one")
NOT_SPECIFIED = _("Not specified")
DASHES = "---------"


class NamedEmptyChoices:
    """A form mixin: a select's empty choice reads 「選択してください」 where a
    choice is required and 「指定なし」 where it is not, never 「---------」."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_empty_choice(field)


def name_empty_choice(field: forms.Field) -> None:
    """Put words in place of the dashes of ``field``'s empty choice, if it has one."""
    words = CHOOSE_ONE if field.required else NOT_SPECIFIED
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:
            field.empty_label = words
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(label == DASHES for _value, label in choices):
            field.choices = [
                (value, words if label == DASHES else label) for value, label in choices
            ]


def id_filter(label) -> forms.TypedChoiceField:
    """An optional filter by a row's id, offered as plain (id, name) choices.

    The form sets the choices when it is made (reading ``values_list`` pairs,
    not model instances); a value not among them is refused with a message.
    It cleans to the id, or None when nothing is chosen.
    """
    return forms.TypedChoiceField(
        label=label, required=False, coerce=int, empty_value=None, widget=LongSelect
    )


class OneMessagePerProblem:
    """A ModelForm mixin: each problem is told once.

    A field the form already refused (left empty, or 「約30」, which is no
    number) gets no second message from the model's own check (``clean()``
    of the model, which sees the value as missing); nor does a field whose
    check reads it: ``checked_together`` maps such a field to the fields its
    check reads.
    """

    checked_together: dict[str, tuple[str, ...]] = {}

    def add_error(self, field, error) -> None:
        if field is None and getattr(error, "error_dict", None) is not None:
            failed = {name for name in self._errors if name != NON_FIELD_ERRORS}
            kept = {
                name: errors
                for name, errors in error.error_dict.items()
                if name == NON_FIELD_ERRORS
                or not failed & {name, *self.checked_together.get(name, ())}
            }
            if not kept:
                return
            error = ValidationError(kept)
        super().add_error(field, error)
