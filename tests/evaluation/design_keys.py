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
]
FIGURE_KEYS = [
    "points",
    "confirmed",
    "average_rate",
    "levels",
    "hours_saved",
    "fte_saved",
]
