"""A throw-away OpenLDAP server (Debian's slapd) holding test-directory.ldif.

The server runs as a child of the test process on a free loopback port, with
its configuration and database in a temporary folder; nothing of the
machine's own slapd set-up is used or changed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

LDIF = Path(__file__).with_name("test-directory.ldif")
SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")

SUFFIX = "dc=iruma,dc=example"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root-Pass-2024"
# The values of test-directory.ldif.
PEOPLE = f"ou=people,{SUFFIX}"
SERVICE_DN = f"cn=dx-portal,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "service-Pass-2024"
PASSWORD = "directory-Pass-2024"
PORTAL_USERS = f"cn=portal-users,ou=groups,{SUFFIX}"
DX_OFFICE = f"cn=dx-office,ou=groups,{SUFFIX}"

EXTRA_MISSING = (
    "the directory extra is not installed: apt-get install libldap2-dev "
    "libsasl2-dev gcc python3-dev, then make install-directory"
)
SLAPD_MISSING = "Debian's slapd is not installed: apt-get install slapd ldap-utils"

CONFIG = """\
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
include {schemas}/nis.schema
modulepath {modules}
moduleload back_mdb
pidfile {folder}/slapd.pid
argsfile {folder}/slapd.args
# As Active Directory does: a user name with an empty password binds as
# nobody, and succeeds. The portal must never take that for a sign-in.
allow bind_anon_dn

database mdb
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/db
# Nobody reads a password; anyone may read the rest, so that the tests can
# search as the portal's service account and, once, anonymously.
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
"""


def unavailable(reason: str) -> None:
    """Skip the test; in CI, where everything is installed, fail it instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (.ci/run installs it)")
    pytest.skip(reason)


def dn_of(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


class Slapd:
    """One running slapd: its address, and changes made as its root."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = ""
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        (self.folder / "db").mkdir()
        config = self.folder / "slapd.conf"
        config.write_text(
            CONFIG.format(
                schemas=SCHEMAS,
                modules=MODULES,
                folder=self.folder,
                suffix=SUFFIX,
                root_dn=ROOT_DN,
                root_password=ROOT_PASSWORD,
            )
        )
        subprocess.run(
            [SLAPADD, "-q", "-f", config, "-l", LDIF],
            check=True,
            capture_output=True,
            timeout=60,
        )
        # Another process may take the free port before slapd does: try anew.
        for _ in range(5):
            self.url = f"ldap://127.0.0.1:{free_port()}/"
            with (self.folder / "slapd.log").open("wb") as log:
                # -d 0 keeps slapd in the foreground: a child we stop ourselves.
                self._process = subprocess.Popen(
                    [SLAPD, "-f", config, "-h", self.url, "-d", "0"],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_until_ready():
                return
            self.stop()
        raise RuntimeError(
            "slapd did not start: " + (self.folder / "slapd.log").read_text()
        )

    def _wait_until_ready(self) -> bool:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False
            if _answers(self.url):
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def modify(self, dn: str, changes: list[tuple[int, str, list[str]]]) -> None:
        """Apply ``(ldap.MOD_ADD | MOD_DELETE | MOD_REPLACE, attribute, values)``."""
        import ldap

        connection = ldap.initialize(self.url)
        try:
            connection.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
            connection.modify_s(
                dn,
                [
                    (operation, attribute, [value.encode() for value in values])
                    for operation, attribute, values in changes
                ],
            )
        finally:
            connection.unbind_s()


def _answers(url: str) -> bool:
    import ldap

    try:
        ldap.initialize(url).search_s("", ldap.SCOPE_BASE)
    except ldap.SERVER_DOWN:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
