"""A published version's files are made once, kept, and served as kept."""

import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from evaluation import exports, pdf, services
from evaluation.models import PublishedFile

FILES = {
    "json": "/reports/2024/v1/report.json",
    "csv": "/reports/2024/v1/report.csv",
    "xlsx": "/reports/2024/v1/report.xlsx",
    "pdf": "/reports/2024/v1/report.pdf",
    "opendata": "/reports/2024/v1/opendata.zip",
}


@pytest.fixture
def published(worked_year, people):
    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[worked_year.falling.pk],
        revision=0,
        by=people.dx_office,
    )
    return services.publish_annual_report(draft, revision=1, by=people.dx_office)


def test_publishing_keeps_every_file_once(published):
    kept = {file.format: file for file in published.files.all()}
    assert set(kept) == set(FILES) == set(exports.PUBLISHED_FORMATS)
    for fmt, file in kept.items():
        content = bytes(file.content)
        assert file.sha256 == hashlib.sha256(content).hexdigest()
        # What was kept is what the frozen contents give.
        assert content == exports.render(published.frozen(), fmt), fmt
    with pytest.raises(IntegrityError):
        PublishedFile.objects.create(
            annual_report=published, format="pdf", content=b"", sha256=""
        )


@pytest.mark.parametrize("fmt", list(FILES))
def test_a_download_is_the_kept_bytes_whatever_changes_later(
    published, worked_year, client_as, monkeypatch, fmt
):
    kept = PublishedFile.objects.get(annual_report=published, format=fmt)
    # Later the points change; the download neither renders nor changes.
    worked_year.falling.report.actual = Decimal(40)
    worked_year.falling.report.save()
    worked_year.rising.title = "変わったタイトル"
    worked_year.rising.save()

    def no_rendering(*args, **kwargs):
        raise AssertionError("a published version's download renders nothing")

    monkeypatch.setattr(exports, "render", no_rendering)
    response = client_as("head2").get(FILES[fmt])
    assert response.status_code == 200
    assert response.content == bytes(kept.content)
    assert response["Content-Type"] == exports.FORMATS[fmt].content_type
    assert response["ETag"] == f'"{kept.sha256}"'
    assert response["Content-Disposition"] == (
        f'attachment; filename="{exports.file_name(2024, 1, "published", fmt)}"'
    )


def test_a_download_costs_the_same_few_queries_whatever_the_data(
    published, worked_year, make_point, client_as, django_assert_num_queries
):
    client = client_as("viewer")
    client.get(FILES["json"])  # the first request of a session writes it
    for fmt, url in FILES.items():
        # The session, the user, the request's savepoint, the kept file, the
        # savepoint's release.
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200, fmt
    for index in range(10):
        make_point(worked_year.year, title=f"追加{index}", state="approved")
    for url in FILES.values():
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        assert len(context.captured_queries) == 5


def test_an_unpublished_version_has_no_files(published, client_as):
    client = client_as("dx_office")
    assert client.get("/reports/2024/v2/report.pdf").status_code == 404
    assert client.get("/reports/2024/v2/opendata.zip").status_code == 404
    assert client.get("/reports/2023/v1/report.json").status_code == 404


def test_without_weasyprint_publishing_works_and_the_pdf_says_why(
    worked_year, people, client_as, monkeypatch
):
    def unavailable(document):
        raise pdf.PdfUnavailable("no Pango here")

    monkeypatch.setattr(pdf, "render_pdf", unavailable)
    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    annual_report = services.publish_annual_report(
        draft, revision=1, by=people.dx_office
    )
    published_without_pdf = set(annual_report.files.values_list("format", flat=True))
    assert published_without_pdf == set(FILES) - {"pdf"}
    for client, url in (
        (client_as("viewer"), FILES["pdf"]),
        (client_as("dx_office"), "/reports/2024/draft/report.pdf"),
    ):
        response = client.get(url)
        assert response.status_code == 503
        body = response.content.decode()
        assert "PDFを作成できません" in body
        assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in body
        assert "ExcelブックやCSV、JSONはいつもどおりダウンロードできます" in body
    # Once the server can make PDFs, the first download makes and keeps it.
    monkeypatch.undo()
    content = client_as("viewer").get(FILES["pdf"]).content
    assert content == bytes(annual_report.files.get(format="pdf").content)


def test_files_of_versions_published_earlier_are_made_by_the_migration(published):
    from importlib import import_module

    migration = import_module(
        "evaluation.migrations.0005_store_files_of_earlier_versions"
    )
    before = {file.format: bytes(file.content) for file in published.files.all()}
    published.files.all().delete()
    migration.store_files(apps, None)
    after = {file.format: bytes(file.content) for file in published.files.all()}
    assert after == before
    migration.store_files(apps, None)  # a second run changes nothing
    assert published.files.count() == len(before)


def test_the_command_writes_the_kept_files(published, tmp_path):
    for fmt in ("json", "csv", "xlsx"):
        output = tmp_path / f"report.{fmt}"
        call_command(
            "annual_report", "2024", "--format", fmt, "--version", "1",
            "--output", str(output), stderr=io.StringIO(),
        )  # fmt: skip
        kept = published.files.get(format=fmt)
        assert output.read_bytes() == bytes(kept.content), fmt
    folder = tmp_path / "opendata"
    call_command(
        "annual_report", "2024", "--format", "opendata", "--version", "1",
        "--output", str(folder), stderr=io.StringIO(),
    )  # fmt: skip
    kept = zipfile.ZipFile(io.BytesIO(published.files.get(format="opendata").content))
    assert sorted(path.name for path in folder.iterdir()) == sorted(kept.namelist())
    for name in kept.namelist():
        assert (folder / name).read_bytes() == kept.read(name)


def test_the_command_writes_the_live_drafts_open_data(worked_year, tmp_path):
    folder = tmp_path / "draft"
    call_command(
        "annual_report", "2024", "--format", "opendata", "--output", str(folder),
        stderr=io.StringIO(),
    )  # fmt: skip
    readme = (folder / "README.txt").read_text(encoding="utf-8-sig")
    assert "この報告は下書きで、未公開です" in readme
    assert (folder / "points.csv").exists() and (
        folder / "data_dictionary.csv"
    ).exists()
