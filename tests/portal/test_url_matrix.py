"""Every URL × every role: the status each person gets for a GET.

The test walks the URLconf and fails on any URL name it does not know, so a
new page cannot ship without saying who may open it. Object URLs point at
objects of 市民生活部 (``dxer`` and ``head``); ``dxer2`` and ``head2`` work in
福祉部 and must get 403 or 404 for them.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from initiatives.interchange import COLUMNS
from initiatives.models import (
    Assignment,
    Plan,
    PointImport,
    Role,
    StaffImport,
    Technology,
    Training,
)
from tests.initiatives.interchange_helpers import NEW_ROW
from tests.initiatives.staff_list_helpers import person

ROLES = ("anonymous", "viewer", "dxer", "dxer2", "head", "head2", "dx_office", "admin")
SIGNED_IN = ROLES[1:]
LOGIN = 302  # anonymous people are sent to the login page

# Django's own admin guards itself (see tests/glossary/test_admin.py).
SKIPPED_NAMESPACES = {"admin"}


def statuses(default: int, anonymous: int = LOGIN, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, default), **overrides}


def public() -> dict[str, int]:
    return statuses(200, anonymous=200)


def everyone() -> dict[str, int]:
    return statuses(200)


def dx_office_only() -> dict[str, int]:
    return statuses(403, dx_office=200)


def heads_and_dx_office(*, head=200, head2=200) -> dict[str, int]:
    return statuses(403, head=head, head2=head2, dx_office=200)


def dxers() -> dict[str, int]:
    return statuses(403, dxer=200, dxer2=200)


def with_a_role() -> dict[str, int]:
    """DXers, department heads and the DX office; not viewers or bare admins."""
    return statuses(200, viewer=403, admin=403)


def own_department(**overrides: int) -> dict[str, int]:
    """An object of 市民課 that is not public: others get 404 (it is not theirs)."""
    return statuses(404, dxer=200, head=200, dx_office=200) | overrides


# name: (URL built from the test's objects, expected status per role)
EXPECTED = {
    # Public
    "login": (lambda o: "/accounts/login/", statuses(302, anonymous=200)),
    "healthz": (lambda o: "/healthz", public()),
    "accessibility": (lambda o: "/accessibility/", public()),
    "glossary:list": (lambda o: "/glossary/", public()),
    "glossary:term": (lambda o: "/glossary/14/", public()),
    "glossary:csv": (lambda o: "/glossary/glossary.csv", public()),
    # Django's views that only take POST
    "logout": (lambda o: "/accounts/logout/", statuses(405)),
    "set_language": (lambda o: "/i18n/setlang/", statuses(302, anonymous=302)),
    # Everyone signed in
    "home": (lambda o: "/", everyone()),
    "initiatives:vision": (lambda o: "/vision/", everyone()),
    "initiatives:plan_list": (lambda o: "/plans/", everyone()),
    # Department heads and the DX office
    "initiatives:plan_new": (lambda o: "/plans/new/", heads_and_dx_office()),
    "initiatives:plan_edit": (
        lambda o: f"/plans/{o.plan.pk}/edit/",
        heads_and_dx_office(head2=404),
    ),
    # The DX office
    "initiatives:project_new": (lambda o: "/projects/new/", dx_office_only()),
    "initiatives:project_edit": (
        lambda o: f"/projects/{o.project.pk}/edit/",
        dx_office_only(),
    ),
    "initiatives:org": (lambda o: "/org/", dx_office_only()),
    "initiatives:department_new": (lambda o: "/org/departments/new/", dx_office_only()),
    "initiatives:department_edit": (
        lambda o: f"/org/departments/{o.org.shimin.pk}/edit/",
        dx_office_only(),
    ),
    "initiatives:department_retire": (
        lambda o: f"/org/departments/{o.org.shimin.pk}/retire/",
        dx_office_only(),
    ),
    "initiatives:section_new": (lambda o: "/org/sections/new/", dx_office_only()),
    "initiatives:section_edit": (
        lambda o: f"/org/sections/{o.org.shimin_ka.pk}/edit/",
        dx_office_only(),
    ),
    "initiatives:section_rename": (
        lambda o: f"/org/sections/{o.org.shimin_ka.pk}/rename/",
        dx_office_only(),
    ),
    "initiatives:section_retire": (
        lambda o: f"/org/sections/{o.org.shimin_ka.pk}/retire/",
        dx_office_only(),
    ),
    "initiatives:people": (lambda o: "/org/people/", dx_office_only()),
    "initiatives:person_new": (lambda o: "/org/people/new/", dx_office_only()),
    "initiatives:person": (
        lambda o: f"/org/people/{o.people.dxer.pk}/",
        dx_office_only(),
    ),
    # POST only: a GET is refused by role first, then by method.
    "initiatives:assignment_end": (
        lambda o: f"/org/assignments/{o.assignment.pk}/end/",
        statuses(405),
    ),
    "initiatives:rotation": (lambda o: "/org/rotation/", dx_office_only()),
    # The rotation from a staff list; each upload only for the person who made it.
    "initiatives:staff_upload": (
        lambda o: "/org/rotation/staff-list/",
        dx_office_only(),
    ),
    "initiatives:staff_template": (
        lambda o: "/org/rotation/staff-list/template.xlsx",
        dx_office_only(),
    ),
    "initiatives:staff_preview": (
        lambda o: f"/org/rotation/staff-list/{o.staff_list.pk}/",
        dx_office_only(),
    ),
    "initiatives:training_list": (lambda o: "/org/trainings/", dx_office_only()),
    "initiatives:training_add": (
        lambda o: f"/org/people/{o.people.dxer.pk}/trainings/",
        dx_office_only(),
    ),
    "initiatives:training_delete": (
        lambda o: f"/org/trainings/{o.training.pk}/delete/",
        statuses(405),
    ),
    "initiatives:technology_list": (
        lambda o: "/years/technologies/",
        dx_office_only(),
    ),
    "initiatives:technology_edit": (
        lambda o: f"/years/technologies/{o.technology.pk}/edit/",
        dx_office_only(),
    ),
    "initiatives:year_list": (lambda o: "/years/", dx_office_only()),
    "initiatives:year_open": (lambda o: "/years/new/", dx_office_only()),
    "initiatives:year": (lambda o: "/years/2024/", dx_office_only()),
    "initiatives:year_edit": (lambda o: "/years/2024/edit/", dx_office_only()),
    "initiatives:year_phase": (lambda o: "/years/2024/phase/", dx_office_only()),
    # The year's work. The draft belongs to 市民課 (dxer, head).
    "initiatives:point_list": (lambda o: "/points/", dxers()),
    "initiatives:point_new": (lambda o: "/points/new/", dxers()),
    "initiatives:carry_forward": (lambda o: "/points/carry-forward/", dxers()),
    "initiatives:point_search": (lambda o: "/points/search/", everyone()),
    "initiatives:point": (lambda o: f"/points/{o.draft.pk}/", own_department()),
    "initiatives:point_history": (
        lambda o: f"/points/{o.draft.pk}/history/",
        own_department(),
    ),
    "initiatives:point_edit": (
        lambda o: f"/points/{o.draft.pk}/edit/",
        own_department(head=403, dx_office=403),
    ),
    "initiatives:point_delete": (
        lambda o: f"/points/{o.draft.pk}/delete/",
        own_department(head=403, dx_office=403),
    ),
    "initiatives:point_return": (
        lambda o: f"/points/{o.submitted.pk}/return/",
        own_department(dxer=403, dx_office=403),
    ),
    # An approved point is open to everyone; only its DXer writes the report.
    "initiatives:report_edit": (
        lambda o: f"/points/{o.reporting.pk}/report/",
        statuses(403, dxer=200),
    ),
    "initiatives:report_result": (
        lambda o: f"/points/{o.reporting.pk}/report/result/?actual=80",
        statuses(403, dxer=200),
    ),
    "initiatives:report_hours": (
        lambda o: (
            f"/points/{o.reporting.pk}/report/hours/"
            "?basis=cases&annual_cases=7&minutes_per_case=3"
        ),
        statuses(403, dxer=200),
    ),
    "initiatives:report_return": (
        lambda o: f"/points/{o.reported.pk}/report/return/",
        statuses(403, head=200),
    ),
    "initiatives:review": (lambda o: "/review/", statuses(403, head=200, head2=200)),
    # Excel interchange: the export for DXers, heads and the DX office; the
    # import for DXers, each upload only for the person who uploaded it.
    "initiatives:interchange": (lambda o: "/interchange/", with_a_role()),
    "initiatives:import_template": (
        lambda o: "/interchange/template.xlsx",
        with_a_role(),
    ),
    "initiatives:points_export": (
        lambda o: "/interchange/export/?year=2024&file_type=csv",
        with_a_role(),
    ),
    "initiatives:import_upload": (lambda o: "/interchange/import/", dxers()),
    "initiatives:import_preview": (
        lambda o: f"/interchange/import/{o.upload.pk}/",
        statuses(403, dxer=200, dxer2=404),
    ),
    "initiatives:department_overview": (
        lambda o: f"/departments/{o.org.shimin.pk}/",
        heads_and_dx_office(head2=404),
    ),
    # POST only
    "initiatives:point_submit_all": (lambda o: "/points/submit-all/", statuses(405)),
    "initiatives:point_submit": (
        lambda o: f"/points/{o.draft.pk}/submit/",
        statuses(405),
    ),
    "initiatives:point_withdraw": (
        lambda o: f"/points/{o.submitted.pk}/withdraw/",
        statuses(405),
    ),
    "initiatives:report_withdraw": (
        lambda o: f"/points/{o.reported.pk}/report/withdraw/",
        statuses(405),
    ),
    "initiatives:comment_add": (
        lambda o: f"/points/{o.draft.pk}/comments/",
        statuses(405),
    ),
    "initiatives:point_approve": (
        lambda o: f"/points/{o.submitted.pk}/approve/",
        statuses(405),
    ),
    "initiatives:report_submit": (
        lambda o: f"/points/{o.reporting.pk}/report/submit/",
        statuses(405),
    ),
    "initiatives:report_confirm": (
        lambda o: f"/points/{o.reported.pk}/report/confirm/",
        statuses(405),
    ),
    "initiatives:bulk_approve": (lambda o: "/review/approve/", statuses(405)),
    "initiatives:bulk_confirm": (lambda o: "/review/confirm/", statuses(405)),
    "initiatives:notifications_read": (
        lambda o: "/notifications/read/",
        statuses(405),
    ),
    # Annual reports: published versions for everyone signed in; the draft
    # (version 2 of 令和4年度, a correction) and the dashboard for the DX office.
    "evaluation:annual_report_list": (lambda o: "/reports/", everyone()),
    "evaluation:annual_report": (lambda o: "/reports/2022/", everyone()),
    "evaluation:version": (lambda o: "/reports/2022/v1/", everyone()),
    "evaluation:version_export": (
        lambda o: "/reports/2022/v1/report.xlsx",
        everyone(),
    ),
    "evaluation:version_opendata": (
        lambda o: "/reports/2022/v1/opendata.zip",
        everyone(),
    ),
    "evaluation:draft": (lambda o: "/reports/2022/draft/", dx_office_only()),
    "evaluation:preview": (lambda o: "/reports/2022/draft/preview/", dx_office_only()),
    "evaluation:draft_department": (
        lambda o: f"/reports/2022/draft/departments/{o.org.shimin.pk}/",
        dx_office_only(),
    ),
    "evaluation:publish": (lambda o: "/reports/2022/draft/publish/", dx_office_only()),
    "evaluation:draft_export": (
        lambda o: "/reports/2022/draft/report.json",
        dx_office_only(),
    ),
    # The phase page's "remind them now" button: POST only.
    "evaluation:remind_open_items": (
        lambda o: "/years/2024/remind/",
        statuses(405),
    ),
    "evaluation:dashboard": (lambda o: "/dashboard/", dx_office_only()),
    "evaluation:survey": (lambda o: "/dashboard/survey/", dx_office_only()),
    "evaluation:survey_download": (
        lambda o: "/dashboard/survey/2024/pack.zip",
        dx_office_only(),
    ),
}


def url_names(resolver=None, namespace: str = "") -> set[str]:
    """Return the name of every URL pattern, with its namespace."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            child = pattern.namespace or ""
            if child in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{child}:" if child else namespace
            names |= url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_the_matrix_knows_every_url():
    names = url_names()
    unknown = names - set(EXPECTED)
    assert not unknown, f"Add these URLs to the matrix: {sorted(unknown)}"
    stale = set(EXPECTED) - names
    assert not stale, f"These URLs no longer exist: {sorted(stale)}"


@pytest.fixture
def objects(org, people, make_year, make_point):
    from initiatives.models import LeadingProject

    last_year = make_year(2023, phase="reporting")
    this_year = make_year(2024)
    _annual_report(make_year(2022, phase="evaluation"), people)
    project = LeadingProject.objects.create(
        title="書かない窓口", lead_department=org.shimin
    )
    return SimpleNamespace(
        org=org,
        people=people,
        plan=Plan.objects.create(title="市民サービス向上計画", department=org.shimin),
        project=project,
        assignment=Assignment.objects.get(user=people.dxer, role=Role.DXER),
        draft=make_point(this_year),
        submitted=make_point(this_year, state="submitted"),
        reporting=make_point(
            last_year, state="approved", report={"actual": 50, "state": "draft"}
        ),
        reported=make_point(
            last_year, state="approved", report={"actual": 90, "state": "submitted"}
        ),
        technology=Technology.objects.first(),
        training=Training.objects.create(
            user=people.dxer,
            course="生成AI活用研修",
            taken_on=date(2024, 6, 1),
            hours=2,
        ),
        upload=PointImport.objects.create(
            uploaded_by=people.dxer,
            file_name="points.csv",
            rows=[[2, [NEW_ROW[name] for name in COLUMNS]]],
        ),
        staff_list=StaffImport.objects.create(
            uploaded_by=people.dx_office,
            file_name="名簿.csv",
            id_column="職員番号",
            rows=[
                [2, list(person("viewer", "閲覧 四郎", "企画部", "", "部長").values())]
            ],
        ),
    )


def _annual_report(fiscal_year, people) -> None:
    """Version 1 published, version 2 (a correction) in draft; the year closed."""
    from evaluation import services

    def save(revision: int):
        return services.save_draft(
            fiscal_year,
            summary="総括",
            comments={},
            highlights=[],
            revision=revision,
            by=people.dx_office,
        )

    services.publish_annual_report(save(0), revision=1, by=people.dx_office)
    save(0)
    fiscal_year.phase = "closed"
    fiscal_year.save(update_fields=["phase"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_for_every_role(name, objects, client_as):
    build, expected = EXPECTED[name]
    url = build(objects)
    got = {role: client_as(role).get(url).status_code for role in ROLES}
    assert got == expected, f"{name} {url}"


# Object URLs whose object belongs to nobody's department.
NOT_DEPARTMENT_OBJECTS = {"glossary:term"}


def object_url_names(resolver=None, namespace: str = "") -> set[str]:
    """Return the names of URLs that address one object by its id."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            child = pattern.namespace or ""
            if child in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{child}:" if child else namespace
            names |= object_url_names(pattern, prefix)
        elif pattern.name and "<int:pk>" in str(pattern.pattern):
            names.add(f"{namespace}{pattern.name}")
    return names


def test_other_department_is_refused_for_every_object_url(objects, client_as):
    """dxer2 and head2 (福祉部) never get a 200 on 市民生活部's objects."""
    names = object_url_names() - NOT_DEPARTMENT_OBJECTS
    assert names, "no object URLs found"
    for name in sorted(names):
        url = EXPECTED[name][0](objects)
        for role in ("dxer2", "head2"):
            status = client_as(role).get(url).status_code
            assert status in (403, 404, 405), f"{role} got {status} for {name} {url}"
