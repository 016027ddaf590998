"""Carry out the April rotation from a staff list (xlsx or CSV).

The same list, checks and rotation as the page "Load from a staff list
file" under the April rotation: the roles change from the fiscal year of
the 発令日, recorded as given by the member of the DX office named with
``--user``. With any error nothing is written and the command exits with
status 1; ``--dry-run`` only shows what would change.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.management.rows import (
    add_file_arguments,
    dx_office_members,
    read_file,
    stop_on_row_errors,
    write_lines,
)
from initiatives.models import User
from initiatives.services import (
    StaffListRejected,
    apply_staff_list,
    preview_staff_list,
)
from initiatives.staff_list import StaffPreview, read_staff_list


class Command(BaseCommand):
    help = (
        "Carry out the April rotation from a staff list (xlsx or CSV with the "
        "columns 職員番号, 氏名, 部, 課, 役割, 発令日). All rows or none: with any "
        "error nothing is written and the command exits with status 1."
    )

    def add_arguments(self, parser):
        add_file_arguments(
            parser,
            user_help=(
                "The member of the DX office who gives the roles (recorded with "
                "them). Default: the DX office's member, when there is exactly one."
            ),
        )
        parser.add_argument(
            "--whole-list",
            action="store_true",
            help=(
                "The file is the whole list: end every DXer and head role it does "
                "not name. Without it, units the file does not name keep their "
                "holders."
            ),
        )

    def handle(self, *args, file: str, dry_run: bool, user, whole_list, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(
                Path(file), dry_run=dry_run, username=user, whole_list=whole_list
            )

    def _import(
        self, path: Path, *, dry_run: bool, username: str | None, whole_list: bool
    ) -> None:
        person = self._person(username)
        table = read_file(
            read_staff_list, path, stderr=self.stderr, nothing=_("Nothing was changed.")
        )
        arguments = {"table": table, "file_name": path.name, "whole_list": whole_list}
        if dry_run:
            preview = preview_staff_list(**arguments)
        else:
            try:
                preview = apply_staff_list(**arguments, by=person)
            except StaffListRejected as rejected:
                preview = rejected.preview
        self._summary(preview, person)
        stop_on_row_errors(
            self.stderr,
            preview.errors,
            count_message=lambda count: (
                ngettext(
                    "%(count)s error: nothing was changed.",
                    "%(count)s errors: nothing was changed.",
                    count,
                )
                % {"count": count}
            ),
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        elif preview.changes:
            self.stdout.write(self.style.SUCCESS(_("The staff list was applied.")))
        else:
            self.stdout.write(_("Nothing changes: everyone already holds that role."))

    def _summary(self, preview: StaffPreview, person: User) -> None:
        scope = (
            _("the whole list (roles it does not name end)")
            if preview.whole_list
            else _("only the units it names")
        )
        lines = [
            (_("File"), preview.file_name),
            (_("Fiscal year"), preview.year_label or "—"),
            (_("Recorded as given by"), f"{person} ({person.get_username()})"),
            (_("What the file lists"), scope),
            (_("Rows"), preview.rows),
            (_("New DXers"), preview.new_dxers),
            (_("New department heads"), preview.new_heads),
            (_("Roles that end"), preview.ended),
            (_("New accounts"), len(preview.new_accounts)),
            (_("Rows without changes"), preview.unchanged),
            (_("Rows with errors"), preview.error_rows),
        ]
        write_lines(self.stdout, lines)
        for planned in preview.changes:
            self.stdout.write("  " + _change_line(planned))
        for label, units in (
            (_("Sections without a DXer"), preview.sections_without_dxer),
            (_("Departments without a head"), preview.departments_without_head),
        ):
            if units:
                names = "、".join(_unit_name(unit) for unit in units)
                self.stdout.write(f"{label}: {names}")

    def _person(self, username: str | None) -> User:
        """The member of the DX office the roles are recorded as given by."""
        office = dx_office_members()
        if username:
            for member in office:
                if member.get_username() == username:
                    return member
            raise CommandError(
                _("“%(name)s” is not an active member of the DX office.")
                % {"name": username}
            )
        if len(office) == 1:
            return office[0]
        raise CommandError(
            _(
                "Say who gives the roles with --user USERNAME: they are recorded "
                "with them, and the DX office has %(count)s members now."
            )
            % {"count": len(office)}
        )


def _unit_name(unit) -> str:
    department = getattr(unit, "department", None)
    return f"{department} {unit}" if department else str(unit)


def _change_line(planned) -> str:
    change = planned.change
    role = _("Department head") if planned.is_head else _("DXer")
    nobody = _("(nobody)")
    row = (
        _("row %(row)s") % {"row": planned.row} if planned.row else _("not in the file")
    )
    return (
        f"{_unit_name(change.unit)} {role}: {change.before or nobody} → "
        f"{change.after or nobody} ({row})"
    )
