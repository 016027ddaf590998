"""Staff sign in through the login page with their office account (real slapd)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.urls import reverse

from initiatives.models import Assignment, Role, User, fiscal_year_today, roles_of
from tests.directory.ldap_server import (
    DX_OFFICE,
    PASSWORD,
    PORTAL_USERS,
    dn_of,
    free_port,
)

LOGIN = "/accounts/login/"
DIRECTORY_BACKEND = "initiatives.directory.DirectoryBackend"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def signed_in(client, response) -> bool:
    """Tell whether the response took the person home with a session."""
    return response.status_code == 302 and SESSION_KEY in client.session


@pytest.fixture(autouse=True)
def _clean_axes(db):
    AccessAttempt.objects.all().delete()


# Sign-in and what it copies --------------------------------------------------


def test_first_sign_in_makes_a_viewer_account_with_the_directory_details(
    client, directory
):
    response = sign_in(client, "hanako")

    assert signed_in(client, response)
    assert response["Location"] == "/"
    user = User.objects.get(username="hanako")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[BACKEND_SESSION_KEY] == DIRECTORY_BACKEND
    assert (user.last_name, user.first_name) == ("窓口", "花子")
    assert user.email == "hanako@city.iruma.example"
    assert (user.directory_department_code, user.directory_section_code) == (
        "SIM",
        "SIM-01",
    )
    assert user.directory_synced_at is not None
    # The portal keeps no password, and gives no role nor admin rights.
    assert not user.has_usable_password()
    assert not roles_of(user).has_any
    assert not (user.is_staff or user.is_superuser)
    home = client.get("/")
    assert home.status_code == 200
    assert "窓口 花子" in home.content.decode()


def test_a_full_width_space_splits_the_name_too(client, directory):
    assert signed_in(client, sign_in(client, "mirai"))
    user = User.objects.get(username="mirai")
    assert (user.last_name, user.first_name) == ("入間", "みらい")
    # Without LDAP_DX_OFFICE_GROUP the dx-office group means nothing here.
    assert not roles_of(user).has_any


def test_a_name_without_a_space_is_all_family_name(client, directory):
    assert signed_in(client, sign_in(client, "taro"))
    user = User.objects.get(username="taro")
    assert (user.last_name, user.first_name) == ("タロウ", "")
    assert (user.directory_department_code, user.directory_section_code) == ("", "")


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("窓口 花子", ("窓口", "花子")),
        ("入間　みらい", ("入間", "みらい")),
        ("  窓口  花子 ", ("窓口", "花子")),
        ("タロウ", ("タロウ", "")),
        ("", ("", "")),
        ("山田 アンナ マリア", ("山田", "アンナ マリア")),
    ],
)
def test_a_name_is_split_at_its_first_space_family_name_first(
    directory_extra, name, split
):
    from initiatives.directory import split_name

    assert split_name(name) == split


def test_the_user_name_is_matched_whatever_its_case(client, directory):
    assert signed_in(client, sign_in(client, "hanako"))
    client.logout()
    assert signed_in(client, sign_in(client, "Hanako"))
    assert User.objects.filter(username__iexact="hanako").count() == 1


def test_each_sign_in_copies_the_details_again(client, directory, change_directory):
    assert signed_in(client, sign_in(client, "hanako"))
    first = User.objects.get(username="hanako")
    client.logout()
    hanako = dn_of("hanako")
    change_directory(hanako, "cn", add=["新姓 花子"], remove=["窓口 花子"])
    change_directory(
        hanako,
        "mail",
        add=["h.shinsei@city.iruma.example"],
        remove=["hanako@city.iruma.example"],
    )
    change_directory(hanako, "ou", add=["SIM-02"], remove=["SIM-01"])

    assert signed_in(client, sign_in(client, "hanako"))

    user = User.objects.get(username="hanako")
    assert user.pk == first.pk
    assert (user.last_name, user.first_name) == ("新姓", "花子")
    assert user.email == "h.shinsei@city.iruma.example"
    assert user.directory_section_code == "SIM-02"
    assert user.directory_synced_at > first.directory_synced_at


# Refused sign-ins ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "password"),
    [("hanako", "wrong-Pass-2024"), ("nobody", PASSWORD)],
)
def test_a_wrong_password_or_an_unknown_name_is_refused(
    client, directory, username, password
):
    response = sign_in(client, username, password)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()
    assert not User.objects.exists()


def test_an_empty_password_is_never_sent_to_the_directory(directory, rf):
    """LDAP takes a bind with an empty password as an anonymous bind."""
    from django.contrib.auth import authenticate

    assert authenticate(rf.post(LOGIN), username="hanako", password="") is None
    assert not User.objects.exists()


def test_an_account_disabled_in_the_directory_cannot_sign_in(client, directory):
    response = sign_in(client, "retired")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(username="retired").exists()


def test_an_account_disabled_after_signing_in_can_no_longer_sign_in(
    client, directory, change_directory
):
    assert signed_in(client, sign_in(client, "leaver"))
    client.logout()
    change_directory(dn_of("leaver"), "shadowExpire", add=["1"])

    response = sign_in(client, "leaver")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    # The portal's account stays, for the history it appears in.
    assert User.objects.filter(username="leaver").exists()


def test_an_account_the_dx_office_deactivated_cannot_sign_in(client, directory):
    assert signed_in(client, sign_in(client, "hanako"))
    client.logout()
    User.objects.filter(username="hanako").update(is_active=False)

    response = sign_in(client, "hanako")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_wrong_service_password_refuses_everyone(client, directory):
    directory(bind_password="wrong-Pass-2024")

    assert sign_in(client, "hanako").status_code == 200
    assert SESSION_KEY not in client.session


def test_without_a_bind_dn_the_search_is_anonymous(client, directory):
    directory(bind_dn="", bind_password="")

    assert signed_in(client, sign_in(client, "hanako"))


def test_while_the_directory_is_down_staff_are_refused_and_local_accounts_sign_in(
    client, directory, people, password
):
    directory(url=f"ldap://127.0.0.1:{free_port()}/")  # nothing listens there

    response = sign_in(client, "hanako")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert signed_in(client, sign_in(client, "dxer", password))


# The group that may sign in ------------------------------------------------------


def test_with_a_required_group_its_members_sign_in(client, directory):
    directory(require_group=PORTAL_USERS)

    assert signed_in(client, sign_in(client, "hanako"))


def test_with_a_required_group_others_are_refused(client, directory):
    directory(require_group=PORTAL_USERS)

    response = sign_in(client, "taro")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(username="taro").exists()


# The DX office group ------------------------------------------------------------


def test_members_of_the_dx_office_group_get_the_dx_office_role(client, directory):
    directory(dx_office_group=DX_OFFICE)

    assert signed_in(client, sign_in(client, "mirai"))
    client.logout()
    assert signed_in(client, sign_in(client, "mirai"))

    mirai = User.objects.get(username="mirai")
    assert roles_of(mirai).is_dx_office
    # Once, from this fiscal year on, recorded by no one (the directory).
    role = Assignment.objects.get(user=mirai)
    assert (role.role, role.start_year, role.end_year, role.created_by) == (
        Role.DX_OFFICE,
        fiscal_year_today(),
        None,
        None,
    )
    # A page of the DX office's only.
    assert client.get(reverse("initiatives:people")).status_code == 200


def test_others_do_not_get_the_dx_office_role(client, directory):
    directory(dx_office_group=DX_OFFICE)

    assert signed_in(client, sign_in(client, "hanako"))

    assert not Assignment.objects.exists()


def test_leaving_the_dx_office_group_ends_the_role_but_not_others(
    client, directory, change_directory, org
):
    """The group decides the DX office role; roles given in the portal stay."""
    from initiatives.services import assign_role

    directory(dx_office_group=DX_OFFICE)
    year = fiscal_year_today()
    assert signed_in(client, sign_in(client, "mover"))
    client.logout()
    mover = User.objects.get(username="mover")
    # As if the directory had given the role two years ago.
    Assignment.objects.filter(user=mover).update(start_year=year - 2)
    dxer = assign_role(
        user=mover, role=Role.DXER, section=org.dx_section, start_year=year, by=None
    )
    change_directory(DX_OFFICE, "member", remove=[dn_of("mover")])

    assert signed_in(client, sign_in(client, "mover"))

    office = Assignment.objects.get(user=mover, role=Role.DX_OFFICE)
    assert office.end_year == year - 1  # earlier years still show it
    roles = roles_of(User.objects.get(pk=mover.pk))
    assert not roles.is_dx_office
    assert roles.section_ids == {dxer.section_id}


def test_a_dx_office_role_given_this_year_is_removed_on_leaving(
    client, directory, change_directory
):
    directory(dx_office_group=DX_OFFICE)
    assert signed_in(client, sign_in(client, "mover"))
    client.logout()
    change_directory(DX_OFFICE, "member", remove=[dn_of("mover")])

    assert signed_in(client, sign_in(client, "mover"))

    assert not Assignment.objects.filter(user__username="mover").exists()


# Local accounts beside the directory -----------------------------------------


def test_local_accounts_still_sign_in(client, directory, people, password):
    response = sign_in(client, "dxer", password)

    assert signed_in(client, response)
    assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND


def test_a_directory_entry_cannot_sign_in_as_a_local_account(
    client, directory, people, password
):
    """The directory's uid=admin has its own password; the portal's admin keeps his."""
    response = sign_in(client, "admin", PASSWORD)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    admin = User.objects.get(username="admin")
    assert (admin.last_name, admin.is_superuser) == ("管理", True)
    assert admin.directory_synced_at is None
    assert signed_in(client, sign_in(client, "admin", password))


# Sign-in protection ------------------------------------------------------------


def test_a_directory_account_is_locked_after_the_failure_limit(client, directory):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "hanako", "wrong-Pass-2024").status_code == 200
    locked = sign_in(client, "hanako", "wrong-Pass-2024")

    assert locked.status_code == 429
    assert "ログインを一時的に停止しています" in locked.content.decode()
    # Even the right password is refused, before the directory is asked.
    assert sign_in(client, "hanako").status_code == 429
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(username="hanako").exists()


def test_the_sign_in_page_asks_for_the_office_account(client, directory):
    page = client.get(LOGIN).content.decode()
    assert "庁内ネットワークで使っている" in page
