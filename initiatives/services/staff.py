"""Staff list writes: accounts for new people, the rotation a list asks for, uploads.

``preview_staff_list`` says what a list would change (the checks are in
``initiatives.staff_list``); ``apply_staff_list`` checks it again inside one
transaction, with the year's roles locked, and carries it out through
``apply_rotation`` exactly as the rotation form does, or writes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import StaffImport, User
from ..models.people import split_name
from ..staff_list import StaffChecker, StaffPreview, StaffTable
from .organisation import apply_rotation


class StaffListRejected(Exception):
    """Nothing was written: rows have errors, or the roles changed since the preview."""

    def __init__(self, preview: StaffPreview, *, changed: bool = False) -> None:
        super().__init__("staff list rejected")
        self.preview = preview
        self.changed = changed


def directory_configured() -> bool:
    """Tell whether staff sign in through an office directory (``LDAP_URL``)."""
    return bool(getattr(settings, "LDAP_URL", ""))


@transaction.atomic
def create_directory_account(*, username: str, full_name: str) -> User:
    """Create the account of a member of staff who signs in through the directory.

    The account gets an unusable password: the portal keeps none, and the
    directory sign-in only opens accounts without one of their own. The
    user name is kept in lower case, as the directory sign-in makes it;
    the name is split family name first, as each sign-in copies it again.
    The account has no role: roles are given separately.
    """
    if not directory_configured():
        raise ValidationError(
            _(
                "Accounts without a password are made only where staff sign in "
                "through the office directory (LDAP_URL)."
            )
        )
    last_name, first_name = split_name(full_name)
    user = User(username=username.lower(), last_name=last_name, first_name=first_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def preview_staff_list(
    *, table: StaffTable, file_name: str, whole_list: bool = False
) -> StaffPreview:
    """Say what loading ``table`` would change, row by row; write nothing."""
    return StaffChecker(
        table=table,
        file_name=file_name,
        whole_list=whole_list,
        directory=directory_configured(),
    ).preview()


@transaction.atomic
def apply_staff_list(
    *,
    table: StaffTable,
    file_name: str,
    by,
    whole_list: bool = False,
    expected_digest: str | None = None,
) -> StaffPreview:
    """Carry out the rotation a staff list asks for, in one transaction, or nothing.

    New people get their directory accounts first; then ``apply_rotation``
    ends the outgoing holders' roles with the year before and starts the
    new ones, recorded as given by ``by``. Raises StaffListRejected when a
    row has an error, or when ``expected_digest`` (the preview's) no longer
    matches because someone changed the year's roles or made an account.
    """
    preview = StaffChecker(
        table=table,
        file_name=file_name,
        whole_list=whole_list,
        directory=directory_configured(),
    ).preview(lock=True)
    if not preview.is_clean:
        raise StaffListRejected(preview)
    if expected_digest is not None and preview.digest != expected_digest:
        raise StaffListRejected(preview, changed=True)
    try:
        # A savepoint, so that a clash (an account made by someone else a
        # moment ago) is reported as a change rather than a broken transaction.
        with transaction.atomic():
            accounts = {
                new.user.username: create_directory_account(
                    username=new.user.username, full_name=new.full_name
                )
                for new in preview.new_accounts
            }
            apply_rotation(
                year=preview.year,
                changes=preview.rotation_changes(accounts),
                by=by,
            )
    except (IntegrityError, ValidationError) as error:
        raise StaffListRejected(preview, changed=True) from error
    return preview


# Uploads kept between the preview and the confirmation --------------------------


@transaction.atomic
def store_staff_upload(
    *, table: StaffTable, file_name: str, whole_list: bool, by
) -> StaffImport:
    """Keep an uploaded staff list until ``by`` confirms or abandons it.

    A person has one pending staff list at a time; lists nobody confirmed
    within a day are dropped.
    """
    StaffImport.objects.stale().delete()
    StaffImport.objects.pending_for(by).delete()
    return StaffImport.objects.create(
        uploaded_by=by,
        file_name=file_name[:255],
        id_column=table.id_column,
        whole_list=whole_list,
        rows=[[number, cells] for number, cells in table.rows],
    )


def staff_table_of(upload: StaffImport) -> StaffTable:
    return StaffTable(
        id_column=upload.id_column,
        rows=[(number, list(cells)) for number, cells in upload.rows],
    )


@transaction.atomic
def apply_staff_upload(
    upload: StaffImport, *, by, expected_digest: str
) -> StaffPreview:
    """Apply the staff list ``by`` previewed, exactly as previewed; mark it done."""
    upload = StaffImport.objects.select_for_update().get(pk=upload.pk, uploaded_by=by)
    if upload.applied_at is not None:
        empty = StaffPreview(
            file_name=upload.file_name,
            id_column=upload.id_column,
            whole_list=upload.whole_list,
        )
        raise StaffListRejected(empty, changed=True)
    preview = apply_staff_list(
        table=staff_table_of(upload),
        file_name=upload.file_name,
        by=by,
        whole_list=upload.whole_list,
        expected_digest=expected_digest,
    )
    upload.applied_at = timezone.now()
    upload.rows = []
    upload.save(update_fields=["applied_at", "rows"])
    return preview
