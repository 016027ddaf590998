"""Settings for signing in against the office directory (LDAP, Active Directory).

``settings.py`` imports this module only when ``LDAP_URL`` names a server:
python-ldap, which django-auth-ldap needs, is an optional extra that builds
from C sources, and a portal without a directory must run without it. The
tests build the same settings from their own test directory's values.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

try:
    import ldap
    from django_auth_ldap.config import LDAPSearch, MemberDNGroupType
except ImportError as error:  # pragma: no cover - depends on the machine
    raise ImproperlyConfigured(
        "LDAP_URL is set, but the directory extra is not installed. Install "
        "Debian's libldap2-dev libsasl2-dev gcc python3-dev, then run "
        "`make install-directory` (or pip install '.[directory]')."
    ) from error

DIRECTORY_BACKEND = "initiatives.directory.DirectoryBackend"


def directory_settings(
    *,
    url: str,
    user_search_base: str,
    bind_dn: str = "",
    bind_password: str = "",
    user_filter: str = "(uid=%(user)s)",
    start_tls: bool = False,
    require_group: str = "",
    dx_office_group: str = "",
    attr_name: str = "cn",
    attr_email: str = "mail",
    attr_department_code: str = "",
    attr_section_code: str = "",
) -> dict[str, Any]:
    """Return the Django settings that turn on directory sign-in.

    ``AUTH_LDAP_*`` configure django-auth-ldap; the ``LDAP_*`` ones are read
    by ``initiatives.directory``, which copies a person's details and maps
    the DX office group at each sign-in.
    """
    if not user_search_base:
        raise ImproperlyConfigured(
            "LDAP_URL is set but LDAP_USER_SEARCH_BASE is not: name the part of "
            "the directory that holds the staff, e.g. OU=Staff,DC=city,DC=local."
        )
    attributes = [
        name
        for name in (attr_name, attr_email, attr_department_code, attr_section_code)
        if name
    ]
    values: dict[str, Any] = {
        "AUTH_LDAP_SERVER_URI": url,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_START_TLS": start_tls,
        # Only the attributes the portal copies: an Active Directory entry
        # also carries photos and certificates that nobody here needs.
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            user_search_base, ldap.SCOPE_SUBTREE, user_filter, attributes
        ),
        "AUTH_LDAP_USER_ATTRLIST": attributes,
        # initiatives.directory copies the details after each sign-in (a name
        # is split in two, which an attribute map cannot do), so the library
        # saves the user only when it creates one.
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,
        "AUTH_LDAP_REQUIRE_GROUP": require_group or None,
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            # Active Directory answers with referrals that python-ldap would
            # follow anonymously, and fail.
            ldap.OPT_REFERRALS: 0,
            # A directory that does not answer must not hold the sign-in page.
            ldap.OPT_NETWORK_TIMEOUT: 5,
            ldap.OPT_TIMEOUT: 10,
        },
        "LDAP_URL": url,
        "LDAP_DX_OFFICE_GROUP": dx_office_group,
        "LDAP_ATTR_NAME": attr_name,
        "LDAP_ATTR_EMAIL": attr_email,
        "LDAP_ATTR_DEPARTMENT_CODE": attr_department_code,
        "LDAP_ATTR_SECTION_CODE": attr_section_code,
    }
    groups = [dn for dn in (require_group, dx_office_group) if dn]
    if groups:
        # Membership of a named group is an LDAP compare of the group's
        # `member` values with the person's DN: the same for OpenLDAP's
        # groupOfNames and Active Directory's groups, and it lists no groups.
        # django-auth-ldap still wants a group search to exist; it is never
        # run for a compare, so it names the first group's parent.
        values["AUTH_LDAP_GROUP_TYPE"] = MemberDNGroupType("member")
        values["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(
            ",".join(ldap.dn.explode_dn(groups[0])[1:]), ldap.SCOPE_SUBTREE
        )
    return values
