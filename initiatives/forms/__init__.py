"""Forms of the initiatives app, one module per group of views. They validate;
services do the writing."""

from .interchange import ExportForm, ImportForm
from .organisation import (
    AssignmentForm,
    DepartmentForm,
    EndAssignmentForm,
    PersonCreationForm,
    PersonForm,
    RenameSectionForm,
    RetireForm,
    RotationForm,
    SectionForm,
)
from .plans import LeadingProjectForm, PlanForm
from .points import CarryForwardForm, CommentForm, PointForm, PrincipleChoiceField
from .reports import ReportForm
from .review import ReturnForm, ReviewFilterForm, ReviewSelectionForm, review_order
from .roster import RosterYearForm, TrainingForm
from .search import PointSearchForm
from .staff import StaffListForm
from .technologies import TechnologyForm
from .years import FiscalYearSettingsForm, OpenFiscalYearForm, PhaseChangeForm

__all__ = [
    "AssignmentForm",
    "CarryForwardForm",
    "CommentForm",
    "DepartmentForm",
    "EndAssignmentForm",
    "ExportForm",
    "FiscalYearSettingsForm",
    "ImportForm",
    "LeadingProjectForm",
    "OpenFiscalYearForm",
    "PersonCreationForm",
    "PersonForm",
    "PhaseChangeForm",
    "PlanForm",
    "PointForm",
    "PointSearchForm",
    "PrincipleChoiceField",
    "RenameSectionForm",
    "ReportForm",
    "RetireForm",
    "ReturnForm",
    "ReviewFilterForm",
    "ReviewSelectionForm",
    "RosterYearForm",
    "review_order",
    "RotationForm",
    "SectionForm",
    "StaffListForm",
    "TechnologyForm",
    "TrainingForm",
]
