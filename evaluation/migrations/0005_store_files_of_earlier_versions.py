"""Write and keep the files of every version published before files were kept.

Each file is made from the version's frozen contents, exactly as publishing
makes it now. The PDF needs WeasyPrint and its Debian libraries; where they
are missing it is left out here and made (from the same frozen contents) the
first time someone downloads it.
"""

import hashlib
import json
import logging

from django.db import migrations

logger = logging.getLogger(__name__)


def store_files(apps, schema_editor):
    from evaluation import exports
    from evaluation.pdf import PdfUnavailable

    AnnualReport = apps.get_model("evaluation", "AnnualReport")
    PublishedFile = apps.get_model("evaluation", "PublishedFile")
    for annual_report in AnnualReport.objects.filter(status="published").iterator():
        document = json.loads(annual_report.snapshot)
        document["points"] = json.loads(annual_report.frozen_points or "[]")
        stored = set(
            PublishedFile.objects.filter(annual_report=annual_report).values_list(
                "format", flat=True
            )
        )
        for fmt in exports.PUBLISHED_FORMATS:
            if fmt in stored:
                continue
            try:
                content = exports.render(document, fmt)
            except PdfUnavailable as error:
                logger.warning("PDF of %s left for later: %s", annual_report.pk, error)
                continue
            PublishedFile.objects.create(
                annual_report=annual_report,
                format=fmt,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )


class Migration(migrations.Migration):

    dependencies = [
        ("evaluation", "0004_published_files"),
    ]

    operations = [
        migrations.RunPython(store_files, migrations.RunPython.noop),
    ]
