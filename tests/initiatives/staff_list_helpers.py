"""Building staff lists for the tests, and counting what a list may write."""

from __future__ import annotations

from initiatives.models import Assignment, User
from initiatives.staff_list import read_staff_list
from tests.initiatives.upload_files import csv_bytes, xlsx_bytes

HEADER = ["職員番号", "氏名", "部", "課", "役割", "発令日"]
APRIL = "2025-04-01"


def person(username: str, name: str, department="", section="", role="", day=APRIL):
    """One row of a staff list, as a dict of its columns."""
    return {
        "職員番号": username,
        "氏名": name,
        "部": department,
        "課": section,
        "役割": role,
        "発令日": day,
    }


def csv_file(
    rows: list[dict], *, encoding: str = "utf-8-sig", header: list[str] = HEADER
) -> bytes:
    return csv_bytes(rows, header=header, encoding=encoding)


def xlsx_file(rows: list[dict], *, header: list[str] = HEADER) -> bytes:
    return xlsx_bytes(rows, header=header, sheet_title="職員名簿")


def table_of(rows: list[dict], **options):
    return read_staff_list(csv_file(rows, **options), file_name="名簿.csv")


def stored() -> dict[str, object]:
    """Every assignment as (user, role, unit, years) and every account's name."""
    return {
        "assignments": sorted(
            Assignment.objects.values_list(
                "user__username",
                "role",
                "section_id",
                "department_id",
                "start_year",
                "end_year",
            ),
            key=str,
        ),
        "users": sorted(User.objects.values_list("username", flat=True)),
    }
