"""Permission names the admin shows in the active language.

Django stores a permission's name in English when it is created ("Can add
DX point") and the admin lists it as it is. The admin's group and user
forms show instead the model's (translated) name and the action.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _

ACTIONS = ("add", "change", "delete", "view")


def permission_label(permission: Permission) -> str:
    """「いるまDXの取組｜DXポイント：追加」 for ``initiatives.add_dxpoint``."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in ACTIONS:
        return str(permission)
    words = {
        "add": _("%(model)s: add"),
        "change": _("%(model)s: change"),
        "delete": _("%(model)s: delete"),
        "view": _("%(model)s: view"),
    }[action] % {"model": model._meta.verbose_name}
    return f"{model._meta.app_config.verbose_name}｜{words}"


class TranslatedPermissions:
    """A ModelAdmin mixin: its permission lists read in the active language."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field
