"""The DX office reads what the directory holds about a person on their page.

No LDAP needed: these are the fields a directory sign-in fills.
"""

import pytest
from django.urls import reverse
from django.utils import timezone


@pytest.fixture
def hanako(people, django_user_model):
    """A directory account after a sign-in: no password, codes copied."""
    return django_user_model.objects.create_user(
        "hanako",
        last_name="窓口",
        first_name="花子",
        directory_department_code="SIM",
        directory_section_code="SIM-01",
        directory_synced_at=timezone.now(),
    )


def _page(client_as, person) -> str:
    response = client_as("dx_office").get(
        reverse("initiatives:person", args=[person.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_dx_office_sees_the_codes_copied_from_the_directory(client_as, hanako):
    page = _page(client_as, hanako)

    assert "庁内ディレクトリ" in page
    assert "<dt>部コード</dt><dd>SIM</dd>" in page
    assert "<dt>課コード</dt><dd>SIM-01</dd>" in page
    assert "コードは参考情報です" in page
    # Without LDAP_DX_OFFICE_GROUP nothing follows a group.
    assert "グループに属するかどうかに従い" not in page


def test_with_a_dx_office_group_the_page_says_the_group_decides(
    client_as, hanako, settings
):
    settings.LDAP_DX_OFFICE_GROUP = "cn=dx-office,ou=groups,dc=iruma,dc=example"

    assert "グループに属するかどうかに従い" in _page(client_as, hanako)


def test_a_local_account_shows_nothing_of_the_directory(client_as, people):
    assert "庁内ディレクトリ" not in _page(client_as, people.dxer)


def test_without_a_directory_the_sign_in_page_names_the_dx_office(client, db):
    page = client.get("/accounts/login/").content.decode()

    assert "デジタル行政推進課から通知された" in page
    assert "庁内ネットワークで使っている" not in page
