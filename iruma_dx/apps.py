from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IrumaDxConfig(AppConfig):
    """The project itself, as an app: it holds project-wide management commands."""

    name = "iruma_dx"
    verbose_name = _("Iruma DX Portal")
