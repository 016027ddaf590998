"""Signals the initiatives app sends for the apps that build on it.

``evaluation`` keeps each closed year's roll-up; initiatives never imports
evaluation, so it says when a year's figures may have changed and
evaluation listens (``evaluation/receivers.py``).
"""

from django.dispatch import Signal

# Sent, inside the writing transaction, after a fiscal year moved to or from
# the closed phase, or after records were loaded into a closed year.
# Argument: fiscal_year.
year_figures_changed = Signal()
