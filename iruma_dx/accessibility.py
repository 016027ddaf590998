"""The accessibility statement's facts (ウェブアクセシビリティ方針), kept in one place.

The statement page (``/accessibility/``) shows these; update ``LATEST_TEST``
after each full run of the browser tests (``make test``), with the date of
the run and what it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The standard the portal aims at, as Japanese public bodies state it.
STANDARD = "JIS X 8341-3:2016"
TARGET_LEVEL = "AA"
AXE_CORE_VERSION = "4.12.1"  # bundled with axe-playwright-python


@dataclass(frozen=True)
class AccessibilityTest:
    day: date
    pages: int  # pages the automatic check visits, each as one role
    violations: int  # what axe-core found on them
    keyboard_journeys: int  # journeys done with the keyboard alone
    reflow_pages: int  # pages checked at 320 CSS px
    passed: bool


LATEST_TEST = AccessibilityTest(
    day=date(2026, 11, 30),
    pages=59,
    violations=0,
    keyboard_journeys=2,
    reflow_pages=18,
    passed=True,
)
