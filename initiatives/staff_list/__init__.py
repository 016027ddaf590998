"""The staff list (職員名簿): the April rotation loaded from an xlsx or CSV file.

In the order a file travels:

- ``columns``: the format (columns, role names, limits);
- ``files``: reading an uploaded file into rows of cell texts;
- ``template``: the xlsx template with its guide;
- ``checks`` (with ``preview``): what each row would change, or why it
  cannot; nothing there writes.

The writes (accounts, the rotation, keeping an upload until it is confirmed)
are in ``initiatives.services.staff``.
"""

from .checks import StaffChecker
from .columns import COLUMNS, ID_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, SHEET
from .files import FileRejected, StaffTable, read_staff_list
from .preview import NewAccount, PlannedChange, RowError, StaffPreview
from .template import template_bytes

__all__ = [
    "COLUMNS",
    "ID_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "SHEET",
    "FileRejected",
    "NewAccount",
    "PlannedChange",
    "RowError",
    "StaffChecker",
    "StaffPreview",
    "StaffTable",
    "read_staff_list",
    "template_bytes",
]
