from django.urls import path

from .views import organisation, plans, vision, years

app_name = "initiatives"

urlpatterns = [
    path("vision/", vision.vision, name="vision"),
    # Organisation (the DX office)
    path("org/", organisation.org_overview, name="org"),
    path("org/departments/new/", organisation.department_edit, name="department_new"),
    path(
        "org/departments/<int:pk>/edit/",
        organisation.department_edit,
        name="department_edit",
    ),
    path("org/sections/new/", organisation.section_edit, name="section_new"),
    path("org/sections/<int:pk>/edit/", organisation.section_edit, name="section_edit"),
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
    # Fiscal years (the DX office)
    path("years/", years.year_list, name="year_list"),
    path("years/new/", years.year_open, name="year_open"),
    path("years/<int:year>/", years.year_detail, name="year"),
    path("years/<int:year>/edit/", years.year_edit, name="year_edit"),
    path("years/<int:year>/phase/", years.year_phase, name="year_phase"),
    # Plans and leading projects
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_edit, name="plan_new"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("projects/new/", plans.project_edit, name="project_new"),
    path("projects/<int:pk>/edit/", plans.project_edit, name="project_edit"),
]
