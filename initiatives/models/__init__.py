"""The initiatives app's models, one module per part of the domain."""

from . import workflow
from .comments import Comment, CommentKind, Notification
from .imports import PointImport, StaffImport
from .measures import GOING_ON, Direction, HoursBasis, TechnologyStatus
from .organisation import Assignment, Department, Role, Section
from .people import Training, User
from .plans import LeadingProject, Plan
from .points import DxPoint, StaleEdit
from .reference import (
    DesignArticle,
    FocusArea,
    NationalPlanEdition,
    Principle,
    Stage,
    Technology,
)
from .reports import AchievementReport, Level
from .results import (
    LEVELS,
    NOT_ASSESSED,
    Thresholds,
    achievement_rate,
    basis_hours,
    mean,
    rounded,
    yen_value,
)
from .roles import Roles, forget_roles, roles_of
from .workflow import PointState, ReportState, ReviewList
from .years import (
    PHASE_ORDER,
    FiscalYear,
    Phase,
    PhaseChange,
    PhaseNotice,
    fiscal_year_today,
    this_year,
)

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
    "basis_hours",
    "yen_value",
    "NOT_ASSESSED",
    "GOING_ON",
    "Direction",
    "HoursBasis",
    "TechnologyStatus",
    "NationalPlanEdition",
    "Technology",
    "Training",
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
    "PhaseNotice",
    "Plan",
    "PointImport",
    "Principle",
    "Role",
    "Roles",
    "Section",
    "StaffImport",
    "Stage",
    "User",
    "this_year",
    "fiscal_year_today",
    "forget_roles",
    "roles_of",
]
