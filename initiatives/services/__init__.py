"""Writes that touch several rows, record history or notify people.

Views and management commands call these; nothing re-implements them.
"""

from .organisation import (
    RotationChange,
    apply_rotation,
    assign_role,
    end_assignment,
    holders_in,
    rename_section,
    retire_unit,
)
from .points import (
    POINT_M2M,
    add_comment,
    approve_point,
    approve_points,
    carry_forward,
    carry_forward_candidates,
    confirm_report,
    confirm_reports,
    create_point,
    delete_point,
    mark_notifications_read,
    return_point,
    return_report,
    save_report,
    submit_point,
    submit_points,
    submit_report,
    update_point,
)
from .years import change_phase, open_fiscal_year, update_year_settings

__all__ = [
    "POINT_M2M",
    "add_comment",
    "approve_point",
    "approve_points",
    "carry_forward",
    "carry_forward_candidates",
    "confirm_report",
    "confirm_reports",
    "create_point",
    "delete_point",
    "mark_notifications_read",
    "return_point",
    "return_report",
    "save_report",
    "submit_point",
    "submit_points",
    "submit_report",
    "update_point",
    "RotationChange",
    "apply_rotation",
    "assign_role",
    "change_phase",
    "end_assignment",
    "holders_in",
    "open_fiscal_year",
    "rename_section",
    "retire_unit",
    "update_year_settings",
]
