from django.urls import path

from .views import (
    interchange,
    organisation,
    plans,
    points,
    reports,
    review,
    roster,
    search,
    staff,
    technologies,
    vision,
    years,
)

app_name = "initiatives"

urlpatterns = [
    path("vision/", vision.vision, name="vision"),
    # The year's work: DX points and year-end reports
    path("points/", points.point_list, name="point_list"),
    path("points/new/", points.point_create, name="point_new"),
    path("points/submit-all/", points.point_submit_all, name="point_submit_all"),
    path("points/carry-forward/", points.carry_forward, name="carry_forward"),
    path("points/search/", search.point_search, name="point_search"),
    path("points/<int:pk>/", points.point_detail, name="point"),
    path("points/<int:pk>/edit/", points.point_edit, name="point_edit"),
    path("points/<int:pk>/submit/", points.point_submit, name="point_submit"),
    path("points/<int:pk>/withdraw/", points.point_withdraw, name="point_withdraw"),
    path("points/<int:pk>/delete/", points.point_delete, name="point_delete"),
    path("points/<int:pk>/comments/", points.comment_add, name="comment_add"),
    path("points/<int:pk>/history/", points.point_history, name="point_history"),
    path("points/<int:pk>/approve/", review.point_approve, name="point_approve"),
    path("points/<int:pk>/return/", review.point_return, name="point_return"),
    path("points/<int:pk>/report/", reports.report_edit, name="report_edit"),
    path("points/<int:pk>/report/result/", reports.report_result, name="report_result"),
    path("points/<int:pk>/report/hours/", reports.report_hours, name="report_hours"),
    path("points/<int:pk>/report/submit/", reports.report_submit, name="report_submit"),
    path(
        "points/<int:pk>/report/withdraw/",
        reports.report_withdraw,
        name="report_withdraw",
    ),
    path(
        "points/<int:pk>/report/confirm/", review.report_confirm, name="report_confirm"
    ),
    path("points/<int:pk>/report/return/", review.report_return, name="report_return"),
    path("notifications/read/", points.notifications_read, name="notifications_read"),
    # Excel and CSV interchange
    path("interchange/", interchange.hub, name="interchange"),
    path(
        "interchange/template.xlsx", interchange.import_template, name="import_template"
    ),
    path("interchange/export/", interchange.points_export, name="points_export"),
    path("interchange/import/", interchange.import_upload, name="import_upload"),
    path(
        "interchange/import/<int:pk>/",
        interchange.import_preview,
        name="import_preview",
    ),
    # The department head's review
    path("review/", review.review, name="review"),
    path("review/approve/", review.bulk_approve, name="bulk_approve"),
    path("review/confirm/", review.bulk_confirm, name="bulk_confirm"),
    path(
        "departments/<int:pk>/",
        review.department_overview,
        name="department_overview",
    ),
    # Organisation (the DX office)
    path("org/", organisation.org_overview, name="org"),
    path(
        "org/departments/new/",
        organisation.unit_edit,
        {"kind": "department"},
        name="department_new",
    ),
    path(
        "org/departments/<int:pk>/edit/",
        organisation.unit_edit,
        {"kind": "department"},
        name="department_edit",
    ),
    path(
        "org/sections/new/",
        organisation.unit_edit,
        {"kind": "section"},
        name="section_new",
    ),
    path(
        "org/sections/<int:pk>/edit/",
        organisation.unit_edit,
        {"kind": "section"},
        name="section_edit",
    ),
    path(
        "org/sections/<int:pk>/rename/",
        organisation.section_rename,
        name="section_rename",
    ),
    path(
        "org/departments/<int:pk>/retire/",
        organisation.unit_retire,
        {"kind": "department"},
        name="department_retire",
    ),
    path(
        "org/sections/<int:pk>/retire/",
        organisation.unit_retire,
        {"kind": "section"},
        name="section_retire",
    ),
    path("org/people/", organisation.people_list, name="people"),
    path("org/people/new/", organisation.person_create, name="person_new"),
    path("org/people/<int:pk>/", organisation.person_detail, name="person"),
    path(
        "org/assignments/<int:pk>/end/",
        organisation.assignment_end,
        name="assignment_end",
    ),
    path("org/rotation/", organisation.rotation, name="rotation"),
    path("org/rotation/staff-list/", staff.staff_upload, name="staff_upload"),
    path(
        "org/rotation/staff-list/template.xlsx",
        staff.staff_template,
        name="staff_template",
    ),
    path(
        "org/rotation/staff-list/<int:pk>/",
        staff.staff_preview,
        name="staff_preview",
    ),
    path("org/people/<int:pk>/trainings/", roster.training_add, name="training_add"),
    path(
        "org/trainings/<int:pk>/delete/",
        roster.training_delete,
        name="training_delete",
    ),
    path("org/trainings/", roster.training_list, name="training_list"),
    # Fiscal years (the DX office)
    path("years/", years.year_list, name="year_list"),
    path("years/new/", years.year_open, name="year_open"),
    path("years/<fiscal_year:year>/", years.year_detail, name="year"),
    path("years/<fiscal_year:year>/edit/", years.year_edit, name="year_edit"),
    path("years/<fiscal_year:year>/phase/", years.year_phase, name="year_phase"),
    path("years/technologies/", technologies.technology_list, name="technology_list"),
    path(
        "years/technologies/<int:pk>/edit/",
        technologies.technology_edit,
        name="technology_edit",
    ),
    # Plans and leading projects
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_edit, name="plan_new"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("projects/new/", plans.project_edit, name="project_new"),
    path("projects/<int:pk>/edit/", plans.project_edit, name="project_edit"),
]
