"""What the import commands share: reading the file and reporting row errors."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a CommandError that says why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s")
            % {"file": path, "reason": error.strerror or error}
        ) from error


def write_row_errors(stderr, errors) -> None:
    """Each error of a file on its own line: Row 3 [年度] the reason."""
    for error in errors:
        stderr.write(
            _("Row %(row)s [%(column)s] %(message)s")
            % {"row": error.row, "column": error.column, "message": error.message}
        )
