"""Load DX points from an xlsx or CSV file in the interchange columns.

For the DX office loading past years' records kept in Excel: rows of a
fiscal year that is already closed come in as approved points with
confirmed reports, recorded in their history as imported by the person
named with ``--user`` from the file. Rows of open years follow that
person's role, exactly as an upload in the browser does.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.interchange import (
    ImportRejected,
    apply_import,
    preview_import,
    read_table,
)
from initiatives.management.rows import (
    add_file_arguments,
    dx_office_members,
    read_file,
    stop_on_row_errors,
    write_lines,
)


class Command(BaseCommand):
    help = (
        "Import DX points from an xlsx or CSV file in the interchange columns. "
        "Rows of a closed fiscal year come in as approved points with "
        "confirmed reports. All rows or none: with any error nothing is "
        "written and the command exits with status 1."
    )

    def add_arguments(self, parser):
        add_file_arguments(
            parser,
            user_help=(
                "Who imports (recorded in the history). Default: the member of "
                "the DX office, when there is exactly one."
            ),
        )

    def handle(self, *args, file: str, dry_run: bool, user: str | None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(Path(file), dry_run=dry_run, username=user)

    def _import(self, path: Path, *, dry_run: bool, username: str | None) -> None:
        person = self._person(username)
        table = read_file(
            read_table, path, stderr=self.stderr, nothing=_("Nothing was imported.")
        )
        arguments = {
            "table": table,
            "file_name": path.name,
            "by": person,
            "load_closed_years": True,
        }
        if dry_run:
            preview = preview_import(**arguments)
        else:
            try:
                preview = apply_import(**arguments)
            except ImportRejected as rejected:
                preview = rejected.preview
        self._summary(preview, person)
        stop_on_row_errors(
            self.stderr,
            preview.errors,
            count_message=lambda count: (
                ngettext(
                    "%(count)s error: nothing was imported.",
                    "%(count)s errors: nothing was imported.",
                    count,
                )
                % {"count": count}
            ),
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(_("The file was imported.")))

    def _summary(self, preview, person) -> None:
        lines = [
            (_("File"), preview.file_name),
            (_("Imported by"), f"{person} ({person.get_username()})"),
            (_("New DX points"), len(preview.creates)),
            (
                _("of which with a confirmed year-end report"),
                sum(row.report is not None for row in preview.creates),
            ),
            (_("DX points that change"), len(preview.updates)),
            (_("Rows without changes"), preview.unchanged),
            (_("Example rows skipped"), preview.examples),
            (_("Rows with errors"), preview.error_rows),
        ]
        write_lines(self.stdout, lines)

    def _person(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            person = users.filter(username=username).first()
            if person is None:
                raise CommandError(
                    _("There is no active user “%(name)s”.") % {"name": username}
                )
            return person
        office = dx_office_members()
        if len(office) == 1:
            return office[0]
        raise CommandError(
            _(
                "Say who imports with --user USERNAME: the history records it, "
                "and the DX office has %(count)s members now."
            )
            % {"count": len(office)}
        )
