"""The DX office's progress dashboard."""

from datetime import date

from evaluation.rollups import progress


def test_progress_per_department(worked_year, org, make_point):
    make_point(worked_year.year, section=org.kaigo_ka, state="draft")
    late = make_point(worked_year.year, section=org.kaigo_ka, state="submitted")
    late.is_late = True
    late.save()
    rows = {
        row["department"].name: row
        for row in progress(worked_year.year, date(2026, 1, 5))
    }
    assert list(rows) == ["企画部", "市民生活部", "福祉部"]
    shimin, fukushi, kikaku = rows["市民生活部"], rows["福祉部"], rows["企画部"]
    assert (shimin["points"], shimin["approved"], shimin["submitted"]) == (5, 4, 1)
    # Only reports of approved points count: the unapproved point's is left out.
    assert (shimin["reports_submitted"], shimin["reports_confirmed"]) == (1, 3)
    assert shimin["overdue"] == 0 and shimin["empty_sections"] == []
    assert (fukushi["points"], fukushi["not_submitted"], fukushi["late"]) == (3, 1, 1)
    # After both deadlines: the draft and the missing report are overdue.
    assert fukushi["overdue"] == 2
    assert [section.name for section in kikaku["empty_sections"]] == [
        "デジタル行政推進課"
    ]


def test_nothing_is_overdue_before_the_deadlines(worked_year, org, make_point):
    make_point(worked_year.year, section=org.kaigo_ka, state="draft")
    rows = progress(worked_year.year, date(2024, 5, 1))
    assert all(row["overdue"] == 0 for row in rows)
    fukushi = next(row for row in rows if row["department"] == org.fukushi)
    assert fukushi["not_submitted"] == 1


def test_dashboard_page(worked_year, org, client_as):
    body = client_as("dx_office").get("/dashboard/?year=令和6年度").content.decode()
    assert "進捗ダッシュボード（令和6年度）" in body
    assert f'href="/departments/{org.shimin.pk}/?year=2024"' in body
    assert "デジタル行政推進課" in body  # a section with nothing yet
    assert (
        'role="img"' in body and "グラフ「部別の年度末報告の確認状況」のデータ" in body
    )
    assert "3件中" not in body and "4件中3件" in body
    assert "年度ごとの全庁の集計" in body


def test_dashboard_of_an_unknown_year_is_404(worked_year, client_as):
    client = client_as("dx_office")
    assert client.get("/dashboard/?year=1999").status_code == 404
    assert client.get("/dashboard/?year=abc").status_code == 404
