"""Journeys of the annual report: the DX office writes and publishes it, a viewer
reads and downloads it, and it prints on A4."""

import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from evaluation import services
from evaluation.models import AnnualReport
from tests.evaluation import conftest as evaluation

# The hand-worked fiscal year of the evaluation tests (a fixture).
worked_year = evaluation.worked_year


def test_dx_office_writes_highlights_and_publishes(
    page,
    base_url,
    login,
    assert_accessible,
    worked_year,
):
    login(page, "dxoffice")
    assert_accessible(page)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="年次報告"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("年次報告")
    assert_accessible(page)
    page.get_by_role("link", name="年次報告を作成").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "令和6年度 年次報告の下書き（第1版）"
    )
    assert_accessible(page)

    page.get_by_label("総括（分析・考察）").fill(
        "窓口のオンライン化が進み、待ち時間は目標を上回って短くなった。"
    )
    page.get_by_label(re.compile("申請のオンライン化")).check()
    page.get_by_label(re.compile("窓口の待ち時間を短く")).check()
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書きを保存しました。")
    expect(page.get_by_label(re.compile("窓口の待ち時間を短く"))).to_be_checked()
    assert_accessible(page)

    # Each department's comment on its own page, beside its figures.
    page.get_by_role("link", name="市民生活部へのコメントを書く").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "市民生活部へのコメント"
    )
    assert_accessible(page)
    page.get_by_label("コメント", exact=True).fill("窓口改革の成果が大きい。")
    page.get_by_role("button", name="コメントを保存").click()
    expect(page.get_by_role("status")).to_contain_text(
        "市民生活部へのコメントを保存しました。"
    )
    expect(page.locator(".department-comments")).to_contain_text(
        "窓口改革の成果が大きい。"
    )
    assert_accessible(page)

    page.get_by_role("link", name="プレビュー").click()
    expect(page.locator(".report-cover")).to_contain_text(
        "下書き（プレビュー・未公開）"
    )
    expect(page.get_by_role("img", name="達成度別の確認済み報告数")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="公開する…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第1版を公開")
    assert_accessible(page)
    page.get_by_role("button", name="公開する").click()
    # Refused until the box is ticked, with the reason next to it.
    expect(page.locator(".field__errors")).to_contain_text("チェックを入れてください")
    assert_accessible(page)
    page.get_by_label(re.compile("プレビューを確認しました")).check()
    page.get_by_role("button", name="公開する").click()
    expect(page).to_have_url(re.compile(r"/reports/2024/v1/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "年次報告の第1版を公開しました。"
    )
    expect(page.locator(".report-cover")).to_contain_text("公開済み")
    highlights = page.locator("#highlights")
    expect(highlights.get_by_role("heading", level=3)).to_have_count(2)
    assert_accessible(page)
    report = AnnualReport.objects.get()
    assert report.status == "published"
    assert report.highlights.count() == 2


def publish(worked_year, people) -> None:
    draft = services.save_draft(
        worked_year.year,
        summary="窓口のオンライン化が進んだ。",
        comments={},
        highlights=[worked_year.falling.pk, worked_year.words.pk],
        revision=0,
        by=people.dx_office,
    )
    services.publish_annual_report(draft, revision=1, by=people.dx_office)


def test_viewer_reads_the_report_and_downloads_the_xlsx(
    page,
    base_url,
    login,
    assert_accessible,
    worked_year,
    people,
):
    publish(worked_year, people)
    login(page, "viewer")
    assert_accessible(page)
    page.get_by_role("link", name="令和6年度 年次報告（第1版）").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("令和6年度")
    expect(page.locator("#summary")).to_contain_text("窓口のオンライン化が進んだ。")
    for name in (
        "達成度別の確認済み報告数",
        "部別の平均達成率",
        "DXの心得別のDXポイント数",
    ):
        expect(page.get_by_role("img", name=name)).to_be_visible()
        expect(
            page.get_by_role("table", name=f"グラフ「{name}」のデータ")
        ).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Excelブック")).click()
    download = info.value
    assert download.suggested_filename == "annual-report-2024-v1-published.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames[:3] == ["表紙", "概要", "部別"]
    totals = next(
        row for row in workbook["概要"].iter_rows(values_only=True) if row[0] == "全庁"
    )
    assert totals[1:4] == (5, 3, 98.3)


def test_print_preview_keeps_tables_whole(
    page,
    base_url,
    login,
    worked_year,
    people,
    assert_accessible,
):
    publish(worked_year, people)
    login(page, "viewer")
    page.goto(f"{base_url}/reports/2024/v1/")
    page.emulate_media(media="print")
    assert_accessible(page)
    style = page.evaluate(
        """() => {
          const css = (el, prop) => getComputedStyle(el).getPropertyValue(prop);
          const rows = [...document.querySelectorAll('main tr')];
          return {
            rows: rows.length,
            rowsWhole: rows.every(r => css(r, 'break-inside') === 'avoid'),
            heads: [...document.querySelectorAll('main thead')]
              .every(h => css(h, 'display') === 'table-header-group'),
            cover: css(document.querySelector('.report-cover'), 'break-after'),
            contents: css(document.querySelector('.report-contents'), 'break-after'),
            sections: [...document.querySelectorAll('.report-section')]
              .map(s => css(s, 'break-before')),
            header: css(document.querySelector('.site-header'), 'display'),
            nav: css(document.querySelector('.site-nav'), 'display'),
            downloads: css(document.querySelector('#downloads'), 'display'),
            charts: [...document.querySelectorAll('figure.chart')]
              .every(f => css(f, 'break-inside') === 'avoid'),
          };
        }"""
    )
    assert style["rows"] > 20 and style["rowsWhole"] and style["heads"]
    assert style["cover"] == "page" and style["contents"] == "page"
    assert set(style["sections"]) == {"page"}
    assert style["header"] == style["nav"] == style["downloads"] == "none"
    assert style["charts"]
    # Chromium lays it out on A4 pages: the cover, the contents, a page per part.
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 10, pages


def test_viewer_uses_every_download_and_the_print_button(
    page,
    base_url,
    login,
    assert_accessible,
    worked_year,
    people,
):
    publish(worked_year, people)
    login(page, "viewer")
    page.goto(f"{base_url}/reports/2024/v1/")
    downloads = page.locator("#downloads")
    expect(downloads.get_by_role("heading", level=2)).to_have_text("ダウンロードと印刷")
    # The headline figures open the report, with their change in words.
    headlines = page.get_by_role("table", name=re.compile("令和6年度の主要な数値"))
    expect(headlines).to_contain_text("前年度の数値なし")
    expect(headlines).to_contain_text("98.3%")
    expect(page.get_by_role("img", name="主要な数値の推移")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        downloads.get_by_role("link", name=re.compile("PDF")).click()
    assert info.value.suggested_filename == "annual-report-2024-v1-published.pdf"
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    expected = {
        "PDF": "application/pdf",
        "Excelブック": "application/vnd.openxmlformats",
        "CSV：": "text/csv",
        "JSON": "application/json",
        "オープンデータ": "application/zip",
    }
    for name, content_type in expected.items():
        link = downloads.get_by_role("link", name=re.compile(f"^{name}"))
        href = link.get_attribute("href")
        response = page.request.get(f"{base_url}{href}")
        assert response.status == 200, href
        assert response.headers["content-type"].startswith(content_type), href
        assert response.headers["content-disposition"].startswith("attachment"), href
    zipped = page.request.get(f"{base_url}/reports/2024/v1/opendata.zip").body()
    names = zipfile.ZipFile(io.BytesIO(zipped)).namelist()
    assert "data_dictionary.csv" in names and "README.txt" in names

    # The print button appears with its script and opens the print dialog.
    button = page.get_by_role("button", name="このページを印刷")
    expect(button).to_be_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed") is True


def test_dx_office_reads_headline_figures_on_the_dashboard(
    page,
    base_url,
    login,
    assert_accessible,
    worked_year,
    people,
):
    login(page, "dxoffice")
    page.goto(f"{base_url}/dashboard/?year=2024")
    headlines = page.get_by_role("table", name=re.compile("令和6年度の主要な数値"))
    expect(headlines).to_contain_text("集計中（未公開）")
    expect(headlines.get_by_role("row", name=re.compile("DXポイント"))).to_contain_text(
        "5件"
    )
    trend = page.get_by_role("table", name="グラフ「主要な数値の推移」のデータ")
    expect(trend).to_contain_text("令和6年度")
    assert_accessible(page)
    # Once published, the dashboard reads the published version's figures.
    publish(worked_year, people)
    page.reload()
    expect(headlines).not_to_contain_text("集計中（未公開）")
    assert_accessible(page)
