"""The annual report JSON's keys, in DESIGN.md's order (one copy for every test)."""

REPORT_KEYS = [
    "fiscal_year",
    "label",
    "status",
    "version",
    "totals",
    "by_department",
    "by_principle",
    "by_focus_area",
    "by_stage",
    "by_technology",
    "focus_area_edition",
]
FIGURE_KEYS = [
    "points",
    "confirmed",
    "average_rate",
    "levels",
    "not_assessed",
    "hours_saved",
    "fte_saved",
    "yen_saved",
    "directions",
]
DIRECTION_KEYS = [
    "expand",
    "continue",
    "improve",
    "complete",
    "merge",
    "abolish",
    "unset",
]
