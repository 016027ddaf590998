"""The report pages: the DX office's draft and publishing, everyone's reading."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.models import AnnualReport, DepartmentComment

DRAFT = "/reports/2024/draft/"


def form_data(worked_year, org, **overrides):
    return {
        "revision": 0,
        "summary": "オンライン化が全庁で進んだ。",
        "highlights": [worked_year.rising.pk, worked_year.falling.pk],
        **overrides,
    }


def comment_on(client, department, body: str):
    """Write the draft's comment on a department, on that department's page."""
    from evaluation.models import AnnualReport

    draft = AnnualReport.objects.filter(status="draft").first()
    return client.post(
        f"/reports/2024/draft/departments/{department.pk}/",
        {"revision": draft.revision if draft else 0, "body": body},
    )


def assert_no_inline_scripts_or_styles(body: str) -> None:
    """Scripts only from our own files: the Content-Security-Policy forbids others."""
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S)
    assert all(not text.strip() for text in scripts)
    assert body.count("<script") == body.count('<script src="/static/js/')
    assert " style=" not in body


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_draft_page_shows_the_live_roll_up_and_the_form(worked_year, client_as):
    body = client_as("dx_office").get(DRAFT).content.decode()
    assert "令和6年度 年次報告の下書き（第1版）" in body
    assert "総括（分析・考察）" in body
    assert "市民生活部へのコメントを書く" in body
    # The live figures beside the text: 5 points, 98.3%.
    city = body.split("全庁の集計（現時点）")[1].split("</table>")[0]
    assert re.search(r"DXポイント</th><td class=\"number\">5</td>", city)
    assert "98.3%" in city
    # Each department's row: 市民生活部 has 4 points.
    shimin = body.split('<th scope="row">市民生活部</th>')[1].split("</tr>")[0]
    assert re.search(r'<td class="number">4</td>', shimin)
    # Candidates for highlights: the three confirmed points, not the others.
    assert "窓口の待ち時間を短く（市民生活部 市民税課・A：達成, 130.0%）" in body
    assert (
        "証明書のコンビニ交付"
        not in body.split("横展開したい取組")[1].split("現時点の集計")[0]
    )


def test_the_dx_office_saves_the_draft(worked_year, org, client_as):
    client = client_as("dx_office")
    response = client.post(DRAFT, form_data(worked_year, org))
    assert response.status_code == 302 and response.url == DRAFT
    draft = AnnualReport.objects.get()
    assert draft.summary == "オンライン化が全庁で進んだ。"
    assert set(draft.highlights.all()) == {worked_year.rising, worked_year.falling}
    assert "下書きを保存しました。" in client.get(DRAFT).content.decode()
    response = comment_on(client, org.shimin, "市民生活部は窓口改革が進んだ。")
    assert response.status_code == 302
    assert DepartmentComment.objects.get().department == org.shimin
    page = client.get(DRAFT).content.decode()
    assert "市民生活部へのコメントを保存しました。" in page
    assert "市民生活部は窓口改革が進んだ。" in page
    draft.refresh_from_db()
    assert draft.revision == 2


def test_a_department_comment_is_written_on_its_own_page(worked_year, org, client_as):
    client = client_as("dx_office")
    page = client.get(f"/reports/2024/draft/departments/{org.shimin.pk}/")
    body = page.content.decode()
    assert "市民生活部の集計（現時点）" in body and 'name="body"' in body
    # The first comment creates the draft; emptying it removes the comment.
    comment_on(client, org.shimin, "窓口改革が進んだ。")
    assert AnnualReport.objects.get().department_comments.count() == 1
    comment_on(client, org.shimin, "")
    assert not DepartmentComment.objects.exists()
    # A page opened before someone else saved: nothing is overwritten.
    stale = client.post(
        f"/reports/2024/draft/departments/{org.fukushi.pk}/",
        {"revision": 0, "body": "古い画面から"},
    )
    assert stale.status_code == 200
    assert "保存しませんでした" in stale.content.decode()
    assert not DepartmentComment.objects.exists()
    # A department that is not in the year's roll-up is not found.
    assert client.get("/reports/2024/draft/departments/999999/").status_code == 404


def test_the_draft_page_pages_through_many_departments(worked_year, client_as):
    from initiatives.models import Department

    Department.objects.bulk_create(
        Department(
            name=f"部{number:02d}", code=f"X{number:02d}", display_order=100 + number
        )
        for number in range(30)
    )
    client = client_as("dx_office")

    def comments_table(**query) -> str:
        page = client.get(DRAFT, query).content.decode()
        return page.split('class="department-comments"')[1].split("</nav>")[0]

    first = comments_table()
    assert "部00" in first and "部25" not in first
    assert (
        'aria-current="page"><span class="visually-hidden">ページ </span>1</a>' in first
    )
    second = comments_table(page="2")
    assert "部25" in second and "部00" not in second
    assert "部00" in comments_table(page="abc")  # an odd page number: the first


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": "あ" * 20_001}, "この値は 20000 文字以下でなければなりません"),
        ({"highlights": ["999999"]}, "正しく選択してください"),
        ({"revision": "x"}, "ページが古くなっています"),
    ],
)
def test_bad_input_writes_nothing_and_says_why(
    worked_year, org, client_as, overrides, message
):
    response = client_as("dx_office").post(
        DRAFT, form_data(worked_year, org, **overrides)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "入力内容を確認してください" in body or "保存されていません" in body
    assert not AnnualReport.objects.exists()
    assert not DepartmentComment.objects.exists()


def test_a_highlight_that_is_not_confirmed_is_refused(worked_year, org, client_as):
    data = form_data(worked_year, org, highlights=[worked_year.waiting.pk])
    body = client_as("dx_office").post(DRAFT, data).content.decode()
    assert "正しく選択してください" in body
    assert not AnnualReport.objects.exists()


def test_a_second_editor_does_not_overwrite_the_first(worked_year, org, client_as):
    first, second = client_as("dx_office"), client_as("dx_office")
    first.post(DRAFT, form_data(worked_year, org, summary="最初の人の総括"))
    response = second.post(DRAFT, form_data(worked_year, org, summary="二人目の総括"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "他の人が下書きを保存または公開したため、保存しませんでした" in body
    assert "最初の人の総括" in body  # shown for comparison
    assert "二人目の総括" in body  # still in the form
    assert AnnualReport.objects.get().summary == "最初の人の総括"
    # Saving again after seeing the conflict replaces it, knowingly.
    assert 'name="revision" value="1"' in body
    second.post(DRAFT, form_data(worked_year, org, summary="二人目の総括", revision=1))
    assert AnnualReport.objects.get().summary == "二人目の総括"


def test_no_draft_is_written_before_year_end_reporting(make_year, client_as, org):
    make_year(2024, phase="in_progress")
    client = client_as("dx_office")
    body = client.get(DRAFT).content.decode()
    assert "年次報告は「年度末報告」の段階から作成できます" in body
    assert "下書きを保存</button>" not in body
    response = client.post(DRAFT, {"revision": 0, "summary": "早すぎる"})
    assert response.status_code == 302
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_methods_are_refused(worked_year, client_as, method):
    client = client_as("dx_office")
    for url in (DRAFT, "/reports/2024/draft/publish/", "/dashboard/", "/reports/"):
        assert getattr(client, method)(url).status_code == 405, url


def publish_via_pages(client, worked_year, org, **overrides):
    client.post(DRAFT, form_data(worked_year, org, **overrides))
    comment_on(client, org.shimin, "市民生活部は窓口改革が進んだ。")
    revision = AnnualReport.objects.get(status="draft").revision
    return client.post(
        "/reports/2024/draft/publish/", {"revision": revision, "confirm": "on"}
    )


def test_publishing_asks_for_confirmation(worked_year, org, client_as):
    client = client_as("dx_office")
    client.post(DRAFT, form_data(worked_year, org))
    page = client.get("/reports/2024/draft/publish/").content.decode()
    assert (
        "公開すると、その時点の数字・文章・ポイント一覧がそのまま保存されます" in page
    )
    body = client.post("/reports/2024/draft/publish/", {"revision": 1}).content.decode()
    assert "公開してよいことを確認して、チェックを入れてください。" in body
    assert AnnualReport.objects.get().status == "draft"
    response = client.post(
        "/reports/2024/draft/publish/", {"revision": 1, "confirm": "on"}
    )
    assert response.status_code == 302 and response.url == "/reports/2024/v1/"
    assert AnnualReport.objects.get().status == "published"


def test_publishing_without_a_summary_is_refused(worked_year, org, client_as):
    response = publish_via_pages(client_as("dx_office"), worked_year, org, summary="")
    assert "公開の前に総括を書いてください。" in response.content.decode()
    assert AnnualReport.objects.get().status == "draft"


def test_publishing_without_a_draft_sends_back(worked_year, client_as):
    response = client_as("dx_office").get("/reports/2024/draft/publish/")
    assert response.status_code == 302 and response.url == DRAFT


@pytest.mark.parametrize(
    "role", ["viewer", "dxer", "dxer2", "head", "head2", "dx_office", "admin"]
)
def test_every_role_reads_the_published_report(worked_year, org, client_as, role):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    for url in ("/reports/2024/", "/reports/2024/v1/"):
        body = client_as(role).get(url).content.decode()
        assert "オンライン化が全庁で進んだ。" in body
        assert "市民生活部は窓口改革が進んだ。" in body
        assert "窓口の待ち時間を短く" in body  # a highlight


@pytest.mark.parametrize("role", ["viewer", "dxer", "head", "admin"])
def test_others_cannot_read_the_draft(worked_year, org, client_as, role):
    client_as("dx_office").post(DRAFT, form_data(worked_year, org))
    client = client_as(role)
    for url in (
        DRAFT,
        "/reports/2024/draft/preview/",
        "/reports/2024/draft/report.csv",
    ):
        assert client.get(url).status_code == 403, url
    # Nor through the address of a published version, nor the report list.
    assert client.get("/reports/2024/v1/").status_code == 404
    assert client.get("/reports/2024/").status_code == 404
    assert "第1版の下書き" not in client.get("/reports/").content.decode()


def test_a_draft_is_never_served_as_a_version(worked_year, org, client_as):
    client = client_as("dx_office")
    client.post(DRAFT, form_data(worked_year, org))
    assert client.get("/reports/2024/v1/").status_code == 404
    assert client.get("/reports/2024/v1/report.json").status_code == 404


def test_the_published_report_does_not_follow_later_changes(
    worked_year, org, client_as
):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    before = client_as("viewer").get("/reports/2024/v1/").content.decode()
    assert "98.3%" in before
    worked_year.rising.report.actual = Decimal(3)  # 66.7% → 100%
    worked_year.rising.report.save()
    worked_year.rising.title = "後から変えたタイトル"
    worked_year.rising.save()
    after = client_as("viewer").get("/reports/2024/v1/").content.decode()
    assert "98.3%" in after and "115.0%" not in after
    assert "後から変えたタイトル" not in after
    # The draft's preview shows the live figures.
    preview = (
        client_as("dx_office").get("/reports/2024/draft/preview/").content.decode()
    )
    assert "115.0%" in preview


def test_a_correction_replaces_version_1_which_stays_readable(
    worked_year, org, client_as
):
    client = client_as("dx_office")
    publish_via_pages(client, worked_year, org)
    # Starting a correction: the form starts from version 1's texts.
    page = client.get(DRAFT).content.decode()
    assert "公開済みの第1版の内容から始めています" in page
    assert "市民生活部は窓口改革が進んだ。" in page
    response = publish_via_pages(client, worked_year, org, summary="訂正した総括")
    assert response.url == "/reports/2024/v2/"
    viewer = client_as("viewer")
    old = viewer.get("/reports/2024/v1/").content.decode()
    assert "この版は第2版に置き換えられました。" in old
    assert "オンライン化が全庁で進んだ。" in old
    new = viewer.get("/reports/2024/").content.decode()
    assert "訂正した総括" in new and "この版は第1版を訂正したものです" in new
    listing = viewer.get("/reports/").content.decode()
    assert "置き換え済み" in listing and "最新" in listing


def test_the_report_prints_with_a_cover_contents_and_captions(
    worked_year, org, client_as, settings
):
    settings.MUNICIPALITY_NAME = "入間市"
    publish_via_pages(client_as("dx_office"), worked_year, org)
    body = client_as("viewer").get("/reports/2024/v1/").content.decode()
    cover = body.split('class="report-cover"')[1].split("</header>")[0]
    assert "令和6年度" in cover and "入間市" in cover and "第1版" in cover
    assert 'class="report-contents"' in body and "目次" in body
    tables = body.count("<table")
    assert tables >= 9 and body.count("<caption") == tables
    assert 'scope="col"' in body and 'scope="row"' in body
    # Charts (three of the year, the trend of the years): SVG with a title,
    # a description and a data table each.
    assert body.count('role="img"') == 4
    assert body.count("<title id=") == 4 and body.count("<desc id=") == 4
    assert body.count("グラフ「") == 4
    # No inline scripts or styles (a Content-Security-Policy will forbid them).
    assert_no_inline_scripts_or_styles(body)
    assert '<script src="/static/js/print.js" defer></script>' in body
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in body


def test_levels_are_told_in_words_and_patterns(worked_year, org, client_as):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    body = client_as("viewer").get("/reports/2024/v1/").content.decode()
    chart = body.split('id="chart-levels-caption"')[1].split("</figure>")[0]
    for words in ("A：達成", "B：おおむね達成", "C：一部達成", "D：未達成"):
        assert words in chart
    assert 'fill="url(#chart-levels-hatch)"' in chart
    assert 'fill="url(#chart-levels-dots)"' in chart
    assert "塗りの模様" in chart


def test_the_report_reads_in_english(worked_year, org, client_as):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    client = client_as("viewer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/reports/2024/v1/").content.decode()
    assert "FY2024" in body and "DX Vision annual report" in body


def test_viewer_home_lists_published_reports(worked_year, org, client_as):
    home = client_as("viewer").get("/").content.decode()
    assert "公開された年次報告はまだありません。" in home
    publish_via_pages(client_as("dx_office"), worked_year, org)
    home = client_as("viewer").get("/").content.decode()
    assert 'href="/reports/2024/v1/"' in home
    assert "令和6年度 年次報告（第1版）" in home


def test_report_list_shows_drafts_to_the_dx_office_only(worked_year, org, client_as):
    client_as("dx_office").post(DRAFT, form_data(worked_year, org))
    assert "第1版の下書き" in client_as("dx_office").get("/reports/").content.decode()
    body = client_as("viewer").get("/reports/").content.decode()
    assert "公開された年次報告はまだありません。" in body


def test_menu_items(client_as):
    assert "年次報告" in client_as("viewer").get("/").content.decode()
    assert "ダッシュボード" not in client_as("head").get("/").content.decode()
    assert 'href="/dashboard/"' in client_as("dx_office").get("/").content.decode()


# Query counts: fixed whatever the number of points --------------------------


def add_points(worked_year, make_point, count: int) -> None:
    for index in range(count):
        point = make_point(
            worked_year.year,
            title=f"追加{index}",
            principles=[2, 5],
            state="approved",
            report={"actual": Decimal(index), "state": "confirmed"},
        )
        point.focus_areas.set([3])


def test_published_report_page_query_count(
    worked_year, org, make_point, client_as, django_assert_num_queries
):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    client = client_as("viewer")
    client.get("/reports/2024/v1/")
    # session, user, savepoint, the version, the versions of the year (for
    # "replaced by"), roles (menu), the status bar's year, release savepoint.
    with django_assert_num_queries(8):
        client.get("/reports/2024/v1/")
    add_points(worked_year, make_point, 10)
    with django_assert_num_queries(8):
        client.get("/reports/2024/v1/")


def test_a_published_versions_body_is_rendered_once(
    worked_year, org, client_as, monkeypatch
):
    """Its contents never change: later requests reuse the rendered body."""
    from evaluation.views import reports as views

    publish_via_pages(client_as("dx_office"), worked_year, org)
    calls = []
    charts = views.annual_report_charts
    monkeypatch.setattr(
        views,
        "annual_report_charts",
        lambda document: calls.append(1) or charts(document),
    )
    viewer = client_as("viewer")
    first = viewer.get("/reports/2024/v1/").content.decode()
    second = viewer.get("/reports/2024/v1/").content.decode()
    assert calls == [1]  # worked out for the first request only

    def body(page: str) -> str:
        return page[page.index('id="headlines"') : page.index("</article>")]

    assert body(second) == body(first) and "98.3" in body(second)
    english = client_as("viewer")
    english.cookies["django_language"] = "en"
    assert "Headline figures" in english.get("/reports/2024/v1/").content.decode()
    assert calls == [1, 1]  # each language is rendered once


@pytest.mark.parametrize("url", [DRAFT, "/reports/2024/draft/preview/", "/dashboard/"])
def test_draft_preview_and_dashboard_query_counts_do_not_grow(
    worked_year, org, make_point, client_as, url
):
    client = client_as("dx_office")
    client.post(DRAFT, form_data(worked_year, org))
    queries(client, url)
    before = queries(client, url)
    add_points(worked_year, make_point, 12)
    assert queries(client, url) == before


def test_draft_page_query_count(worked_year, org, client_as, django_assert_num_queries):
    client = client_as("dx_office")
    client.post(DRAFT, form_data(worked_year, org))
    client.get(DRAFT)
    # session, user, savepoint, roles, the year, the draft (with its editor);
    # the roll-up: the counted points with their reports, their principles,
    # focus areas and technologies, and the departments, principles, focus
    # areas (with their edition) and technologies that name the groups;
    # the form's initial comments and highlights; the best candidates' ids
    # (the shortlist); the document's comments; the highlights (points, their
    # principles); coverage (principles, cells); year over year (stored
    # totals, years: the draft's own year is not added up again, and there
    # is no other open year); the roster (sections, DXers, training); the
    # status bar's year;
    # whether there are candidates for highlights, and the candidates;
    # release savepoint. The page does not list every point, so the point
    # list is not read.
    with django_assert_num_queries(30):
        client.get(DRAFT)


@pytest.mark.parametrize(
    "url",
    [
        "/reports/99999999999999999999/",
        "/reports/2024/v99999999999999999999/",
        "/reports/2024/v0/report.json",
        "/reports/99999999999/draft/",
        "/dashboard/?year=99999999999999",
        "/dashboard/?year=令和999年度",
    ],
)
def test_odd_addresses_are_404_not_500(worked_year, client_as, url):
    assert client_as("dx_office").get(url).status_code == 404


@pytest.mark.parametrize(
    "url", [DRAFT, "/reports/2024/draft/preview/", "/dashboard/", "/reports/"]
)
def test_no_inline_scripts_or_styles(worked_year, client_as, url):
    body = client_as("dx_office").get(url).content.decode()
    assert_no_inline_scripts_or_styles(body)


def test_dxer_home_query_count_does_not_grow_with_points(
    worked_year, make_year, make_point, client_as
):
    # Points of 令和7年度 are due soon: the DXer has reminders on the home page.
    planning = make_year(
        2025,
        phase="planning",
        target_deadline=timezone.localdate() + timedelta(days=5),
        report_deadline=timezone.localdate() + timedelta(days=300),
    )
    client = client_as("dxer")
    queries(client, "/")
    before = queries(client, "/")
    for _ in range(8):
        make_point(planning, state="draft")
        make_point(worked_year.year, state="approved")
    assert queries(client, "/") == before
    assert (
        "令和7年度：提出していないDXポイントが8件あります"
        in client.get("/").content.decode()
    )


def test_admin_pages_of_the_evaluation_app(worked_year, org, client_as):
    client = client_as("dx_office")
    publish_via_pages(client, worked_year, org)
    admin = client_as("admin")
    report = AnnualReport.objects.get()
    for url in (
        "/admin/evaluation/annualreport/",
        f"/admin/evaluation/annualreport/{report.pk}/change/",
        f"/admin/evaluation/annualreport/{report.pk}/history/",
        "/admin/evaluation/reminderlog/",
    ):
        assert admin.get(url).status_code == 200, url
    # A published version is read-only there too.
    response = admin.post(
        f"/admin/evaluation/annualreport/{report.pk}/change/", {"summary": "改ざん"}
    )
    assert response.status_code == 403
    assert AnnualReport.objects.get().summary == "オンライン化が全庁で進んだ。"
