"""A page of ids and its total from one query, as Django's get_page gives it."""

import pytest
from django.contrib.auth.models import Group
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iruma_dx.lib.paging import page_of_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=f"group {n:02}") for n in range(45))
    return Group.objects.order_by("name")


@pytest.mark.parametrize(
    "number", [None, "", "abc", "2.0", "1", 2, "3", " 2 ", "4", "99", "0", "-1", 1.5]
)
def test_it_gives_the_page_get_page_gives(groups, number):
    ours = page_of_ids(groups, number, 20)
    django = Paginator(groups.values_list("pk", flat=True), 20).get_page(number)
    assert list(ours.object_list) == list(django.object_list)
    assert (ours.number, ours.paginator.count, ours.paginator.num_pages) == (
        django.number,
        django.paginator.count,
        django.paginator.num_pages,
    )


def test_a_page_and_its_total_are_one_query(groups):
    with CaptureQueriesContext(connection) as queries:
        page = page_of_ids(groups, "2", 20)
        assert page.paginator.count == 45 and len(page.object_list) == 20
        assert page.has_next() and page.paginator.num_pages == 3
    assert len(queries) == 1


def test_no_rows_is_an_empty_first_page(db):
    page = page_of_ids(Group.objects.order_by("name"), None, 20)
    assert (list(page.object_list), page.number, page.paginator.count) == ([], 1, 0)
