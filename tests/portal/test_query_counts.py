"""The lists not covered beside their features: the same queries for few rows and many.

The query count of a page must not grow with its rows (N+1 queries would
make a city's tenth year slow). Each page is counted at two sizes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Assignment, Comment, LeadingProject, Plan, Role


def count(client, url: str) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


def grow_people(org, django_user_model, n, start):
    for index in range(start, start + n):
        person = django_user_model.objects.create_user(
            f"staff{index}", last_name="職員"
        )
        Assignment.objects.create(
            user=person, role=Role.DX_OFFICE, start_year=2020 + index % 3
        )


def grow_plans(org, django_user_model, n, start):
    for index in range(start, start + n):
        Plan.objects.create(title=f"計画{index}", department=org.shimin)
        project = LeadingProject.objects.create(
            title=f"プロジェクト{index}", lead_department=org.kikaku
        )
        project.departments.set([org.shimin, org.fukushi])


@pytest.mark.parametrize(
    ("role", "url", "grow"),
    [
        ("dx_office", "/org/people/", grow_people),
        ("viewer", "/plans/", grow_plans),
    ],
)
def test_list_pages_do_not_grow(client_as, org, django_user_model, role, url, grow):
    client = client_as(role)
    grow(org, django_user_model, 3, 0)
    small = count(client, url)
    grow(org, django_user_model, 30, 3)
    assert count(client, url) == small


def test_fiscal_year_list_does_not_grow(client_as, make_year):
    client = client_as("dx_office")
    for year in (2020, 2021):
        make_year(year)
    small = count(client, "/years/")
    for year in range(2000, 2020):
        make_year(year)
    assert count(client, "/years/") == small


def test_point_page_and_history_do_not_grow_with_comments(
    client_as, make_year, make_point, people
):
    point = make_point(make_year(2024), state="approved")
    client = client_as("dxer")

    def add_comments(n):
        for index in range(n):
            Comment.objects.create(
                point=point, author=people.head, body=f"コメント{index}"
            )

    add_comments(2)
    small = {
        url: count(client, url)
        for url in (f"/points/{point.pk}/", f"/points/{point.pk}/history/")
    }
    add_comments(30)
    for url, queries in small.items():
        assert count(client, url) == queries, url
