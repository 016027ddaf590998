"""The annual report as a PDF (WeasyPrint): its text, its fonts, the draft mark."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from evaluation import pdf, services
from evaluation.models import PublishedFile
from initiatives.models import AchievementReport, Technology

pytestmark = [
    pytest.mark.real_pdf,
    pytest.mark.skipif(
        not pdf.pdf_available(),
        reason=(
            "WeasyPrint cannot be loaded: install the Debian packages "
            f"{pdf.DEBIAN_PACKAGES}"
        ),
    ),
]


@pytest.fixture
def published(worked_year, people, org):
    draft = services.save_draft(
        worked_year.year,
        summary="窓口のオンライン化が進んだ。\n\n来年度は全庁に広げる。",
        comments={org.shimin.pk: "窓口改革の成果が大きい。"},
        highlights=[worked_year.falling.pk],
        revision=0,
        by=people.dx_office,
    )
    return services.publish_annual_report(draft, revision=1, by=people.dx_office)


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return response.content


def page_texts(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_pdf_holds_the_figures_of_the_json(published, client_as):
    client = client_as("viewer")
    data = json.loads(client.get("/reports/2024/v1/report.json").content)
    texts = page_texts(download(client, "/reports/2024/v1/report.pdf"))
    text = "\n".join(texts)
    totals = re.search(r"全庁 (.+)", text)[1].split()
    # DXポイント 確認済み 平均達成率 A B C D 評価不能 年間削減時間 常勤換算 金額換算
    assert totals == [
        *("5", "3", "98.3%", "1", "1", "1", "0", "0", "360", "0.19", "1,620,000")
    ]
    for row in data["by_department"]:
        line = re.search(rf"^{row['department']} (\d+) (\d+) ", text, flags=re.M)
        assert line is not None, row["department"]
        assert (int(line[1]), int(line[2])) == (row["points"], row["confirmed"])
    for row in data["by_principle"]:
        assert f"DXの心得{row['number']} {row['title']} {row['points']} " in text
    # The cover, the DX office's analysis (its paragraphs), the highlights.
    assert "令和6年度" in texts[0] and "第1版" in texts[0] and "公開済み" in texts[0]
    assert "窓口のオンライン化が進んだ。\n来年度は全庁に広げる。" in text
    assert "窓口改革の成果が大きい。" in text and "窓口の待ち時間を短く" in text


def test_cover_contents_running_header_and_page_numbers(published, client_as):
    content = download(client_as("viewer"), "/reports/2024/v1/report.pdf")
    texts = page_texts(content)
    pages = len(texts)
    # Published on a Japanese-era date.
    day = published.published_at
    assert re.search(r"公開日：\s*令和\d+年\d+月\d+日（.）", texts[0])
    assert str(day.year - 2018) in texts[0]
    # Contents with the page each part starts on.
    contents = texts[1]
    assert "目次" in contents
    summary_page = int(re.search(r"総括 \.+ ?(\d+)", contents)[1])
    assert "総括" in texts[summary_page - 1].splitlines()[0]
    # From the second page on: the running header and "n / pages".
    for number, text in enumerate(texts[1:], start=2):
        assert "入間市 令和6年度 DXビジョン年次報告 第1版" in text, number
        assert f"{number} / {pages}" in text, number
    # The roll-ups are on landscape pages, the text on portrait ones.
    reader = PdfReader(io.BytesIO(content))
    shapes = {page.mediabox.width > page.mediabox.height for page in reader.pages}
    assert shapes == {True, False}


def test_every_font_is_embedded(published, client_as):
    content = download(client_as("viewer"), "/reports/2024/v1/report.pdf")
    fonts = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for descendant in descendants:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                fonts.append(
                    (
                        str(font["/BaseFont"]),
                        any(f"/FontFile{n}" in descriptor for n in ("", "2", "3")),
                    )
                )
    assert fonts, "no fonts found"
    assert all(embedded for _name, embedded in fonts), fonts
    assert any("NotoSansCJK" in name.replace("-", "") for name, _ in fonts), fonts


def test_a_draft_is_marked_on_every_page_and_a_published_version_nowhere(
    published, worked_year, people, client_as
):
    services.save_draft(
        worked_year.year,
        summary="訂正",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    draft = page_texts(
        download(client_as("dx_office"), "/reports/2024/draft/report.pdf")
    )
    assert len(draft) > 5
    assert all("下書き（未公開）" in text for text in draft)
    version = page_texts(download(client_as("viewer"), "/reports/2024/v1/report.pdf"))
    assert not any("下書き" in text for text in version)


def test_the_pdf_is_kept_when_published_and_served_as_kept(published, client_as):
    kept = PublishedFile.objects.get(annual_report=published, format="pdf")
    assert download(client_as("head2"), "/reports/2024/v1/report.pdf") == kept.content


def test_the_command_writes_the_kept_pdf_and_the_live_draft(
    published, tmp_path, capsys
):
    output = tmp_path / "r6.pdf"
    call_command(
        "annual_report", "令和6年度", "--format", "pdf", "--version", "1",
        "--output", str(output),
    )  # fmt: skip
    kept = PublishedFile.objects.get(annual_report=published, format="pdf")
    assert output.read_bytes() == kept.content
    live = tmp_path / "live.pdf"
    call_command("annual_report", "2024", "--format", "pdf", "--output", str(live))
    assert all("下書き（未公開）" in text for text in page_texts(live.read_bytes()))


def test_nothing_is_fetched_from_outside_the_static_folders():
    fetcher = pdf.local_only_fetcher()
    for url in (
        "https://example.com/font.woff2",
        "http://127.0.0.1:8000/static/css/portal.css",
        "ftp://example.com/x.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="loads nothing from outside"):
            fetcher.fetch(url)
    inside = Path(settings.BASE_DIR, "static", "css", "report-pdf.css").as_uri()
    assert b"@page" in fetcher.fetch(inside).read()
    assert fetcher.fetch("data:text/plain,abc").read() == b"abc"


def test_the_pdf_has_the_sections_the_report_page_has(worked_year, people, client_as):
    """Technologies, directions and the DXer roster: on the page and in the PDF."""
    technology = Technology.objects.get(name="RPA")
    worked_year.rising.technologies.add(technology)
    AchievementReport.objects.filter(point=worked_year.rising).update(
        direction="expand"
    )
    draft = services.save_draft(
        worked_year.year, summary="総括。", comments={}, highlights=[], revision=0,
        by=people.dx_office,
    )  # fmt: skip
    services.publish_annual_report(draft, revision=1, by=people.dx_office)
    client = client_as("viewer")
    page = client.get("/reports/2024/v1/").content.decode()
    text = "\n".join(page_texts(download(client, "/reports/2024/v1/report.pdf")))
    for section, heading in (
        ("technologies", "技術別"),
        ("directions", "今後の方向性"),
        ("roster", "推進体制と人材育成"),
    ):
        assert f'id="{section}"' in page, section
        assert text.count(heading) >= 2, heading  # the contents and the part
    assert re.search(r"^RPA 1 1 ", text, flags=re.M)
