"""``manage.py import_points FILE [--dry-run] [--user USERNAME]``."""

from decimal import Decimal

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections

from initiatives.models import Assignment, DxPoint, PointState, ReportState, Role
from tests.initiatives.interchange_helpers import csv_file, row, stored, xlsx_file

PAST = {"年度": "令和4年度"}


@pytest.fixture
def past_records(closed_year, tmp_path):
    """Three points of 2022 kept in Excel, two with their year-end reports."""
    rows = [
        row(**PAST, 実績値="２５", 効果="コンビニ交付が増えた", 削減時間="１，２００"),
        row(
            **PAST,
            部="福祉部",
            課="介護保険課",
            DXポイント="介護認定の電子申請",
            指標="",
            単位="",
            基準値="",
            目標値="",
            達成度="b",
            効果="紙の申請が減った",
        ),
        row(**PAST, DXポイント="報告のないポイント"),
    ]
    path = tmp_path / "令和4年度の記録.xlsx"
    path.write_bytes(xlsx_file(rows))
    return path


def run(*args, **options) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_points", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_shows_the_summary_and_writes_nothing(past_records, people):
    before = stored()
    out, _err = run(past_records, "--dry-run")
    assert stored() == before
    assert "ファイル: 令和4年度の記録.xlsx" in out
    assert "取り込んだ人: 入間 みらい (dxoffice)" in out
    assert "新しいDXポイント: 3" in out
    assert "うち確認済みの年度末報告つき: 2" in out
    assert "確認のみ（--dry-run）のため、何も書き込んでいません。" in out


def test_a_closed_year_comes_in_approved_with_confirmed_reports(
    past_records, people, org, client_as
):
    out, _err = run(past_records)
    assert "ファイルを取り込みました。" in out
    points = {p.title: p for p in DxPoint.objects.select_related("report")}
    assert set(points) == {
        "証明書のコンビニ交付",
        "介護認定の電子申請",
        "報告のないポイント",
    }
    assert all(p.state == PointState.APPROVED for p in points.values())
    numeric = points["証明書のコンビニ交付"]
    assert numeric.report.state == ReportState.CONFIRMED
    assert numeric.report.actual == 25 and numeric.report.hours_saved == Decimal(1200)
    assert numeric.report.rate == 80 and numeric.report.level == "B"
    qualitative = points["介護認定の電子申請"]
    assert qualitative.section == org.kaigo_ka
    assert qualitative.report.self_level == "B"
    assert not points["報告のないポイント"].has_report()
    # Roll-ups count them: approved targets and confirmed reports.
    assert DxPoint.objects.counted().filter(fiscal_year=2022).count() == 3
    for point in points.values():
        record = point.history.get()
        assert record.history_user == people.dx_office
        assert (
            record.history_change_reason
            == "ファイル「令和4年度の記録.xlsx」から取り込み"
        )
    report_record = numeric.report.history.get()
    assert report_record.history_user == people.dx_office
    assert report_record.state == ReportState.CONFIRMED
    page = client_as("dx_office").get(f"/points/{numeric.pk}/history/")
    assert "ファイル「令和4年度の記録.xlsx」から取り込み" in page.content.decode()

    # The same file again: the points are there twice only if the rows say so.
    before = stored()
    exported = client_as("dx_office").get(
        "/interchange/export/", {"year": "2022", "file_type": "csv"}
    )
    path = past_records.with_name("書き出し.csv")
    path.write_bytes(exported.content)
    out, _err = run(path)
    assert "変更のない行: 3" in out and stored() == before


def test_the_same_file_loaded_twice_counts_its_points_once(past_records, people):
    """Rows without IDs create points: loading them again is refused, not doubled."""
    run(past_records)
    before = stored()
    ids = dict(DxPoint.objects.values_list("title", "pk"))
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_points", str(past_records), stderr=err, stdout=StringIO())
    assert str(failure.value) == "エラーが3件あるため、何も取り込んでいません。"
    assert stored() == before
    pk = ids["証明書のコンビニ交付"]
    assert err.getvalue().splitlines()[0] == (
        f"2行目［DXポイント］市民生活部 市民課には令和4年度のDXポイント"
        f"「証明書のコンビニ交付」がすでにあります（ID {pk}）。"
        f"変更するにはID列に{pk}と書き、別のポイントなら名前を変えてください。"
    )


def test_any_error_exits_nonzero_and_writes_nothing(
    closed_year, people, tmp_path, monkeypatch
):
    path = tmp_path / "誤り.csv"
    path.write_bytes(csv_file([row(**PAST), row(**PAST, 心得="8", 効果="")]))
    before = stored()
    with pytest.raises(CommandError) as failure:
        run(path)
    assert str(failure.value) == "エラーが1件あるため、何も取り込んでいません。"
    assert stored() == before

    # As from the shell; the command line closes the connections when it ends.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    utility = ManagementUtility(["manage.py", "import_points", str(path)])
    with pytest.raises(SystemExit) as exit_status:
        utility.execute()
    assert exit_status.value.code == 1
    assert stored() == before


def test_errors_are_listed_with_row_and_column(closed_year, people, tmp_path, capsys):
    path = tmp_path / "誤り.csv"
    path.write_bytes(csv_file([row(**PAST), row(**PAST, 心得="8", 効果="早くなった")]))
    with pytest.raises(CommandError):
        run(path)
    path.write_bytes(csv_file([row(**PAST, 心得="8", 実績値="abc")]))
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_points", str(path), stderr=err, stdout=StringIO())
    assert err.getvalue().splitlines() == [
        "2行目［心得］DXの心得8はありません。心得の番号は1、2、3、4、5です。",
        "2行目［実績値］数値を入力してください（例：1200、１，２００）。",
    ]


def test_a_file_that_cannot_be_read_writes_nothing(closed_year, people, tmp_path):
    path = tmp_path / "見出し違い.csv"
    path.write_bytes(csv_file([row(**PAST)], header=["ID", "年度"]))
    with pytest.raises(CommandError) as failure:
        run(path)
    assert str(failure.value) == "何も取り込んでいません。"
    with pytest.raises(CommandError) as failure:
        run(tmp_path / "ない.csv")
    assert "を読み込めません" in str(failure.value)
    assert not DxPoint.objects.exists()


def test_only_the_dx_office_loads_a_closed_year(past_records, people):
    with pytest.raises(CommandError):
        run(past_records, "--user", "dxer")
    assert not DxPoint.objects.exists()


def test_the_user_must_be_named_when_the_dx_office_is_not_one_person(
    past_records, people, django_user_model
):
    second = django_user_model.objects.create_user("dxoffice2")
    Assignment.objects.create(user=second, role=Role.DX_OFFICE, start_year=2020)
    with pytest.raises(CommandError) as failure:
        run(past_records)
    assert "--user" in str(failure.value)
    with pytest.raises(CommandError) as failure:
        run(past_records, "--user", "nobody")
    assert str(failure.value) == "有効なユーザー「nobody」はいません。"
    run(past_records, "--user", "dxoffice2")
    assert DxPoint.objects.first().history.get().history_user == second


def test_open_years_follow_the_persons_role(make_year, people, tmp_path):
    make_year(2024)
    path = tmp_path / "今年.csv"
    path.write_bytes(csv_file([row()]))
    with pytest.raises(CommandError):
        run(path)  # the DX office does not write a section's drafts
    run(path, "--user", "dxer")
    point = DxPoint.objects.get()
    assert point.state == PointState.DRAFT
    assert point.history.get().history_user == people.dxer
