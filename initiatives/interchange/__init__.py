"""Excel and CSV interchange of DX points (DESIGN.md "Interchange format").

One package, one job, in the order a file travels:

- ``columns``: the format itself (columns, names, limits) and how cell text
  is compared and cleaned;
- ``files``: reading an uploaded xlsx or CSV file into rows;
- ``cells``: reading the cells of a row into values;
- ``template``: the xlsx template with its guide sheet and example row;
- ``export``: the rows of existing points, for the export and the annual report;
- ``checks`` (with ``reports`` and ``preview``): what each row would do, or
  why it cannot, by the models' own rules; nothing there writes;
- ``services``: keeping an upload until it is confirmed, and applying a
  clean preview in one transaction.

Views and the ``import_points`` command use the names below.
"""

from .columns import (
    ALL_COLUMNS,
    COLUMNS,
    DATA_SHEET,
    EXAMPLE_ID,
    MAX_FILE_BYTES,
    MAX_ROWS,
    REPORT_COLUMNS,
    SECOND_VERSION_COLUMNS,
    export_file_name,
    stage_name,
)
from .export import point_rows
from .files import FileRejected, Table, read_table
from .preview import FieldChange, ImportPreview, RowError, RowOutcome
from .services import (
    PREVIEW_LIMIT,
    ImportRejected,
    apply_import,
    apply_upload,
    import_reason,
    preview_import,
    store_upload,
    table_of,
)
from .template import example_row, template_bytes

__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "SECOND_VERSION_COLUMNS",
    "DATA_SHEET",
    "EXAMPLE_ID",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "PREVIEW_LIMIT",
    "REPORT_COLUMNS",
    "FieldChange",
    "FileRejected",
    "ImportPreview",
    "ImportRejected",
    "RowError",
    "RowOutcome",
    "Table",
    "apply_import",
    "apply_upload",
    "example_row",
    "export_file_name",
    "import_reason",
    "point_rows",
    "preview_import",
    "read_table",
    "stage_name",
    "store_upload",
    "table_of",
    "template_bytes",
]
