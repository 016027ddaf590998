"""Sign-in against a real LDAP server: Debian's slapd with test-directory.ldif.

Each pytest process (each xdist worker) starts its own slapd once, on a free
loopback port, and stops it at the end. Without slapd or the directory extra
the tests that need them are skipped, naming what to install (in CI, where
``.ci/run`` installs both, they fail instead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.directory.ldap_server import (
    EXTRA_MISSING,
    PEOPLE,
    SERVICE_DN,
    SERVICE_PASSWORD,
    SLAPADD,
    SLAPD,
    SLAPD_MISSING,
    Slapd,
    unavailable,
)

# shadowExpire 1 (1970-01-02) is how Linux disables an account
# (`usermod --expiredate 1`); the README gives this filter for OpenLDAP.
USER_FILTER = "(&(uid=%(user)s)(!(shadowExpire=1)))"


@pytest.fixture(scope="session")
def directory_extra() -> None:
    """Skip without the directory extra (django-auth-ldap and python-ldap)."""
    try:
        import django_auth_ldap  # noqa: F401
        import ldap  # noqa: F401
    except ImportError:
        unavailable(EXTRA_MISSING)


@pytest.fixture(scope="session")
def slapd(directory_extra, tmp_path_factory) -> Iterator[Slapd]:
    """Run this process's own slapd with the test directory."""
    if not (SLAPD.exists() and SLAPADD.exists()):
        unavailable(SLAPD_MISSING)
    server = Slapd(tmp_path_factory.mktemp("slapd"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def directory(slapd, settings, db) -> Callable[..., None]:
    """Turn directory sign-in on against the test slapd for one test.

    Returns ``configure(**values)`` to change the settings of
    ``iruma_dx.directory.directory_settings`` (e.g. ``require_group=``)."""
    from iruma_dx.directory import DIRECTORY_BACKEND, directory_settings

    backends = [*settings.AUTHENTICATION_BACKENDS, DIRECTORY_BACKEND]

    def configure(**values) -> None:
        chosen = {
            "url": slapd.url,
            "user_search_base": PEOPLE,
            "user_filter": USER_FILTER,
            "bind_dn": SERVICE_DN,
            "bind_password": SERVICE_PASSWORD,
            "attr_department_code": "departmentNumber",
            "attr_section_code": "ou",
            **values,
        }
        for name, value in directory_settings(**chosen).items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = backends

    configure()
    return configure


@pytest.fixture
def change_directory(slapd) -> Iterator[Callable[..., None]]:
    """Change an entry of the test directory for one test, undone afterwards.

    ``change(dn, attribute, add=[...], remove=[...])``."""
    import ldap

    undo: list[tuple[str, list]] = []

    def change(dn: str, attribute: str, *, add=(), remove=()) -> None:
        forward = [(ldap.MOD_ADD, attribute, list(add))] if add else []
        backward = [(ldap.MOD_DELETE, attribute, list(add))] if add else []
        if remove:
            forward.append((ldap.MOD_DELETE, attribute, list(remove)))
            backward.insert(0, (ldap.MOD_ADD, attribute, list(remove)))
        slapd.modify(dn, forward)
        undo.append((dn, backward))

    yield change
    for dn, changes in reversed(undo):
        slapd.modify(dn, changes)
