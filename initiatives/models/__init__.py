"""The initiatives app's models, one module per part of the domain."""

from . import workflow
from .imports import PointImport, StaffImport
from .organisation import (
    Assignment,
    Department,
    Role,
    Roles,
    Section,
    forget_roles,
    roles_of,
    this_fiscal_year,
)
from .people import User
from .plans import LeadingProject, Plan
from .points import (
    AchievementReport,
    Comment,
    CommentKind,
    DxPoint,
    Level,
    Notification,
    StaleEdit,
)
from .reference import DesignArticle, FocusArea, Principle, Stage
from .results import LEVELS, Thresholds, achievement_rate, mean, rounded
from .workflow import PointState, ReportState, ReviewList
from .years import PHASE_ORDER, FiscalYear, Phase, PhaseChange

__all__ = [
    "workflow",
    "AchievementReport",
    "Comment",
    "CommentKind",
    "DxPoint",
    "Level",
    "Notification",
    "PointState",
    "ReportState",
    "ReviewList",
    "StaleEdit",
    "achievement_rate",
    "mean",
    "rounded",
    "Thresholds",
    "LEVELS",
    "PHASE_ORDER",
    "Assignment",
    "Department",
    "DesignArticle",
    "FiscalYear",
    "FocusArea",
    "LeadingProject",
    "Phase",
    "PhaseChange",
    "Plan",
    "PointImport",
    "Principle",
    "Role",
    "Roles",
    "Section",
    "StaffImport",
    "Stage",
    "User",
    "this_fiscal_year",
    "forget_roles",
    "roles_of",
]
