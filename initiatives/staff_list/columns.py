"""The staff list's columns and values (README "The April rotation from a staff list").

Headers and values are Japanese whatever the UI language, as the city's
personnel lists are. Names are compared after NFKC folding, so full-width
digits and letters (ＤＸｅｒ, ０１２３) read as their plain forms.
"""

from __future__ import annotations

from ..interchange.columns import clean_text, normalize_key
from ..models import Role

__all__ = [
    "COLUMNS",
    "ID_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "NOTES_COLUMN",
    "ROLE_NAMES",
    "SHEET",
    "clean_text",
    "normalize_key",
    "read_role",
]

# The person is named by exactly one of these: the 職員番号 is the user name
# of their account (the directory's sign-in name), so both mean the same.
ID_COLUMNS = ("職員番号", "ユーザー名")
# The other columns every staff list has, in the template's order.
COLUMNS = ("氏名", "部", "課", "役割", "発令日")
# Notes for the people who keep the file; the portal does not read them.
NOTES_COLUMN = "備考"
SHEET = "職員名簿"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000

# How 役割 is written (after NFKC and case folding) → the role; None: no role.
ROLE_NAMES = {"dxer": Role.DXER, "部長": Role.HEAD, "なし": None, "": None}
ROLE_LABELS = ("DXer", "部長", "なし")


class UnknownRole(ValueError):
    pass


def read_role(value: str) -> str | None:
    """Return the role 役割 names (None for none); raise UnknownRole otherwise."""
    key = normalize_key(value).casefold()
    if key not in ROLE_NAMES:
        raise UnknownRole(value)
    return ROLE_NAMES[key]
