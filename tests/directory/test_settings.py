"""The LDAP_* environment variables, read in a fresh process as in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Print what the settings made of the environment, and which LDAP modules
# the process imported after Django set up, loaded the sign-in backends and
# imported every view.
PROBE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_backends
from django.urls import get_resolver
get_backends()
get_resolver().url_patterns
search = getattr(settings, "AUTH_LDAP_USER_SEARCH", None)
print(json.dumps({
    "backends": settings.AUTHENTICATION_BACKENDS,
    "ldap_modules": sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("ldap", "_ldap", "django_auth_ldap")
    ),
    "auth_ldap": sorted(name for name in dir(settings) if name.startswith("AUTH_LDAP")),
    "server": getattr(settings, "AUTH_LDAP_SERVER_URI", None),
    "bind": [getattr(settings, "AUTH_LDAP_BIND_DN", None),
             getattr(settings, "AUTH_LDAP_BIND_PASSWORD", None)],
    "search": search and [search.base_dn, search.filterstr, search.attrlist],
    "start_tls": getattr(settings, "AUTH_LDAP_START_TLS", None),
    "require_group": getattr(settings, "AUTH_LDAP_REQUIRE_GROUP", None),
    "dx_office_group": getattr(settings, "LDAP_DX_OFFICE_GROUP", None),
}))
"""


def _run(env: dict[str, str], prelude: str = "") -> subprocess.CompletedProcess:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LDAP_") and name != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-c", prelude + PROBE],
        cwd=BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "iruma_dx.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "test-only-directory-settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_ldap_url_nothing_of_ldap_is_imported():
    result = _run({})

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["ldap_modules"] == []
    assert probe["auth_ldap"] == []
    assert probe["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]


def test_ldap_url_without_the_extra_says_what_to_install():
    # As on a machine without python-ldap: importing it fails.
    result = _run(
        {"LDAP_URL": "ldap://dc.city.local", "LDAP_USER_SEARCH_BASE": "dc=city"},
        prelude="import sys; sys.modules['ldap'] = None\n",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "libldap2-dev libsasl2-dev" in result.stderr
    assert "make install-directory" in result.stderr


def test_the_ldap_variables_become_the_backends_settings(directory_extra):
    result = _run(
        {
            "LDAP_URL": "ldap://dc.city.local:389",
            "LDAP_BIND_DN": "CN=dx-portal,OU=Services,DC=city,DC=local",
            "LDAP_BIND_PASSWORD": "$ervice-Pass",
            "LDAP_USER_SEARCH_BASE": "OU=Staff,DC=city,DC=local",
            "LDAP_USER_FILTER": "(sAMAccountName=%(user)s)",
            "LDAP_START_TLS": "true",
            "LDAP_REQUIRE_GROUP": "CN=portal,OU=Groups,DC=city,DC=local",
            "LDAP_DX_OFFICE_GROUP": "CN=dx-office,OU=Groups,DC=city,DC=local",
            "LDAP_ATTR_NAME": "displayName",
            "LDAP_ATTR_SECTION_CODE": "departmentNumber",
        }
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["backends"][-1] == "initiatives.directory.DirectoryBackend"
    assert probe["server"] == "ldap://dc.city.local:389"
    assert probe["bind"] == [
        "CN=dx-portal,OU=Services,DC=city,DC=local",
        "$ervice-Pass",
    ]
    assert probe["search"] == [
        "OU=Staff,DC=city,DC=local",
        "(sAMAccountName=%(user)s)",
        ["displayName", "mail", "departmentNumber"],
    ]
    assert probe["start_tls"] is True
    assert probe["require_group"] == "CN=portal,OU=Groups,DC=city,DC=local"
    assert probe["dx_office_group"] == "CN=dx-office,OU=Groups,DC=city,DC=local"


def test_the_defaults_are_an_openldap_directory_open_to_all_staff(
    directory_extra,
):
    result = _run(
        {"LDAP_URL": "ldap://ldap.city.local", "LDAP_USER_SEARCH_BASE": "ou=people"}
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["bind"] == ["", ""]
    assert probe["search"] == ["ou=people", "(uid=%(user)s)", ["cn", "mail"]]
    assert probe["start_tls"] is False
    assert probe["require_group"] is None
    assert probe["dx_office_group"] == ""


def test_ldap_url_without_a_search_base_is_a_clear_error(directory_extra):
    result = _run({"LDAP_URL": "ldap://ldap.city.local"})

    assert result.returncode != 0
    assert "LDAP_USER_SEARCH_BASE" in result.stderr
