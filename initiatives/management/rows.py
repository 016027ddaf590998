"""What the import commands share: reading the file and reporting row errors."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from initiatives.models import Assignment
from iruma_dx.lib.spreadsheet import FileRejected


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


def add_file_arguments(parser, *, user_help: str) -> None:
    """The arguments every import command takes: the file, --dry-run, --user."""
    parser.add_argument("file", help="The .xlsx or .csv file.")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Check the file and show what would change, writing nothing.",
    )
    parser.add_argument("--user", metavar="USERNAME", help=user_help)


def read_file(reader, path: Path, *, stderr, nothing: str):
    """``reader(bytes, file_name=…)`` of the file; on FileRejected, say why and stop."""
    try:
        return reader(read_bytes(path), file_name=path.name)
    except FileRejected as rejected:
        for message in rejected.messages:
            stderr.write(message)
        raise CommandError(nothing) from rejected


def stop_on_row_errors(stderr, errors, *, count_message) -> None:
    """Write each row's errors, then stop with ``count_message(count)``."""
    if not errors:
        return
    write_row_errors(stderr, errors)
    raise CommandError(count_message(len(errors)))


def write_lines(stdout, lines) -> None:
    """A summary: one ``label: value`` line a pair."""
    for label, value in lines:
        stdout.write(f"{label}: {value}")


def dx_office_members() -> list:
    """The active members of the DX office this year, without repeats."""
    members = {}
    for assignment in Assignment.objects.dx_office_this_year():
        members.setdefault(assignment.user_id, assignment.user)
    return list(members.values())
