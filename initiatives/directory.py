"""Sign-in against the office directory: the portal's side of django-auth-ldap.

Django imports this module only when ``LDAP_URL`` puts ``DirectoryBackend``
into ``AUTHENTICATION_BACKENDS`` (see ``iruma_dx/directory.py``); it needs
python-ldap, an optional extra. A sign-in through the directory:

- never signs in a local account (one with a password of its own in the
  portal, such as the admin), so a directory entry that shares its user name
  cannot take it over;
- leaves the password to the directory: a new account gets an unusable one
  and starts as a viewer, with no role;
- copies name, e-mail and the unit codes at every sign-in, blank where the
  entry has none: the directory is where they are kept;
- with ``LDAP_DX_OFFICE_GROUP``, lets that group decide the person's DX office
  role from this fiscal year on (given to members, ended for the others).
  DXer and head roles are only ever given in the portal.

A disabled account is one the directory refuses: it rejects the password
(Active Directory does for a disabled account) or ``LDAP_USER_FILTER``
leaves the entry out (see the README).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import ldap
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.http import HttpRequest
from django.utils import timezone
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import LDAPGroupQuery

from .models import Assignment, Role, User, fiscal_year_today
from .models.people import split_name
from .services import assign_role, end_assignment

logger = logging.getLogger(__name__)

# User field -> the setting naming the directory attribute it is copied from.
COPIED = {
    "email": "LDAP_ATTR_EMAIL",
    "directory_department_code": "LDAP_ATTR_DEPARTMENT_CODE",
    "directory_section_code": "LDAP_ATTR_SECTION_CODE",
}


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend, for the accounts the directory owns."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> User | None:
        """Leave local accounts to ModelBackend; ask the directory about others."""
        if username is not None and is_local_account(username):
            return None
        return super().authenticate(request, username, password, **kwargs)

    def authenticate_ldap_user(self, ldap_user, password: str) -> User | None:
        """Sign in through the directory, then copy details and map the group."""
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        if ldap_user.attrs is not None:
            copy_details(user, ldap_user.attrs)
        group = settings.LDAP_DX_OFFICE_GROUP
        if group:
            try:
                member = LDAPGroupQuery(group).resolve(ldap_user)
            except ldap.LDAPError:
                # The password was right; keep the role as it is until the
                # next sign-in rather than turn the person away.
                logger.warning("Could not read %s for %s", group, user, exc_info=True)
            else:
                sync_dx_office_role(user, member=bool(member))
        return user


def is_local_account(username: str) -> bool:
    """Tell whether ``username`` is an account with a password in the portal."""
    return (
        User.objects.filter(username__iexact=username.strip())
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exists()
    )


def copy_details(user: User, attrs: Mapping[str, list[str]]) -> None:
    """Copy name, e-mail and unit codes from ``user``'s directory entry."""

    def value(setting: str) -> str:
        attribute = getattr(settings, setting)
        found = attrs.get(attribute, []) if attribute else []
        return found[0].strip() if found else ""

    last_name, first_name = split_name(value("LDAP_ATTR_NAME"))
    values = {"last_name": last_name, "first_name": first_name}
    values.update({field: value(setting) for field, setting in COPIED.items()})
    for field, text in values.items():
        # A longer value than the column holds is cut rather than refused:
        # these are details to read, and the sign-in itself was right.
        setattr(user, field, text[: User._meta.get_field(field).max_length])
    user.directory_synced_at = timezone.now()
    user.save(update_fields=[*values, "directory_synced_at"])


def sync_dx_office_role(user: User, *, member: bool) -> None:
    """Give or end ``user``'s DX office role from this fiscal year, as the group says.

    A member without the role gets it from this year (until the year before
    one already planned); someone who left the group loses it from this year
    on, while earlier years keep showing it.
    """
    year = fiscal_year_today()
    held = Assignment.objects.filter(user=user, role=Role.DX_OFFICE)
    current = held.active_in(year).first()
    if member and current is None:
        planned = held.filter(start_year__gt=year).order_by("start_year").first()
        assign_role(
            user=user,
            role=Role.DX_OFFICE,
            start_year=year,
            end_year=planned.start_year - 1 if planned else None,
            by=None,
        )
    elif not member and current is not None:
        end_assignment(current, last_year=year - 1)
