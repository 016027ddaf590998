"""What the evaluation app does when the initiatives app says a year changed."""

from django.dispatch import receiver

from initiatives.signals import year_figures_changed

from .services import store_year_figures


@receiver(year_figures_changed)
def keep_year_figures(sender, fiscal_year, **kwargs) -> None:
    """A closed year's figures are stored; a year opened again loses them."""
    store_year_figures(fiscal_year)
