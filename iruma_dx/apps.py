from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from .lib.fiscal import FiscalYearConverter


class IrumaDxConfig(AppConfig):
    """The project itself, as an app: project-wide commands and URL converters."""

    name = "iruma_dx"
    verbose_name = _("Iruma DX Portal")

    def ready(self) -> None:
        # URLs name fiscal years as <fiscal_year:year>: years the portal accepts.
        register_converter(FiscalYearConverter, "fiscal_year")
