"""Every string of the UI has its Japanese translation, compiled into the .mo.

The second test runs ``make messages``'s makemessages on a copy of the
project, as a developer does after changing a string, and asks GNU gettext
which entries are left untranslated or fuzzy (a fuzzy entry is a guess that
Django does not use). Both need GNU gettext, which ``.ci/run`` installs.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
# What makemessages reads: the code, the templates and the scripts.
SOURCES = ("manage.py", "iruma_dx", "initiatives", "evaluation", "glossary")
SOURCES += ("templates", "static", "locale")

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgattrib") is None,
    reason="needs GNU gettext",
)


def catalog(mo: Path) -> dict:
    with mo.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def test_the_committed_mo_is_compiled_from_the_po(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", compiled, PO], check=True)
    assert catalog(compiled) == catalog(PO.with_suffix(".mo"))


def test_every_string_the_code_uses_has_a_japanese_translation(tmp_path):
    project = tmp_path / "project"
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            project.mkdir(exist_ok=True)
            shutil.copy(source, project / name)
    environment = {**os.environ, "DEBUG": "false", "HTTPS": "false"}
    environment.setdefault("SECRET_KEY", "test-only-not-secret")
    environment.pop("DATABASE_URL", None)  # makemessages reads no database
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ja"]
        + ["--no-obsolete", "--add-location", "file", "--verbosity", "0"],
        cwd=project,
        env=environment,
        check=True,
    )
    po = project / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    for kind in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(
            ["msgattrib", kind, "--no-wrap", po],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # The header entry (msgid "") is all there may be.
        entries = [line for line in left.splitlines() if line.startswith("msgid ")]
        assert entries in ([], ['msgid ""']), f"{kind}:\n{left}"
