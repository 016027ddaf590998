"""Open data: tidy CSV tables, one value per cell, a dictionary of every column."""

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation

import pytest

from evaluation import services
from evaluation.opendata import DICTIONARY, README, opendata_zip


@pytest.fixture
def published(worked_year, people, org):
    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={org.shimin.pk: "よくできた"},
        highlights=[worked_year.falling.pk],
        revision=0,
        by=people.dx_office,
    )
    return services.publish_annual_report(draft, revision=1, by=people.dx_office)


@pytest.fixture
def files(published, client_as) -> dict[str, bytes]:
    response = client_as("viewer").get("/reports/2024/v1/opendata.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


def read(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode()), "UTF-8 with a BOM"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def tables(files) -> dict[str, list[list[str]]]:
    return {name: read(data) for name, data in files.items() if name.endswith(".csv")}


def test_the_zip_holds_the_tables_the_dictionary_and_a_readme(files):
    assert set(files) >= {
        "report.csv",
        "rollup_city.csv",
        "rollup_departments.csv",
        "rollup_principles.csv",
        "rollup_focus_areas.csv",
        "rollup_stages.csv",
        "rollup_years.csv",
        "coverage.csv",
        "points.csv",
        "point_principles.csv",
        "point_focus_areas.csv",
        "highlights.csv",
        DICTIONARY,
        README,
    }


def test_the_dictionary_covers_every_column_of_every_table(files):
    all_tables = tables(files)
    dictionary = all_tables[DICTIONARY]
    assert dictionary[0] == ["ファイル", "列名", "項目名（英字）", "型", "単位", "説明"]
    described = {(row[0], row[1]) for row in dictionary[1:]}
    columns = {
        (name, header) for name, rows in all_tables.items() for header in rows[0]
    }
    assert described == columns
    for row in dictionary[1:]:
        assert row[2].isascii() and row[2].replace("_", "").isalnum(), row
        assert row[3] in {"integer", "decimal", "string", "date", "datetime"}, row
        assert row[5], row  # every column is described


def test_every_row_has_one_value_per_header_and_numbers_parse(files):
    all_tables = tables(files)
    types = {(row[0], row[1]): row[3] for row in all_tables[DICTIONARY][1:]}
    for name, rows in all_tables.items():
        header = rows[0]
        assert len(set(header)) == len(header), name
        for row in rows[1:]:
            assert len(row) == len(header), name
            for column, value in zip(header, row, strict=True):
                kind = types[(name, column)]
                if value == "" or kind not in ("integer", "decimal"):
                    continue
                try:
                    number = Decimal(value)
                except InvalidOperation:
                    pytest.fail(f"{name} {column}: {value!r} is not a number")
                assert "," not in value
                if kind == "integer":
                    assert number == number.to_integral_value(), (name, column)


def rows_of(files, name) -> list[dict[str, str]]:
    header, *rows = read(files[name])
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_a_point_with_two_principles_is_two_rows_never_joined(files, worked_year):
    points = rows_of(files, "points.csv")
    assert len(points) == 5
    assert not any("心得" in column for column in points[0])  # no "1;3" column
    rising = str(worked_year.rising.pk)
    pairs = [
        (row["ID"], row["心得番号"]) for row in rows_of(files, "point_principles.csv")
    ]
    assert sorted(number for point, number in pairs if point == rising) == ["1", "3"]
    areas = [
        row["重点取組事項"]
        for row in rows_of(files, "point_focus_areas.csv")
        if row["ID"] == str(worked_year.falling.pk)
    ]
    assert len(areas) == 2 and all(";" not in area for area in areas)
    for table in tables(files).values():
        for row in table[1:]:
            assert not any(cell.count(";") and cell[0].isdigit() for cell in row)


def test_blank_is_not_zero_and_years_are_western_with_the_era(files, worked_year):
    departments = {row["部"]: row for row in rows_of(files, "rollup_departments.csv")}
    welfare = departments["福祉部"]
    assert welfare["平均達成率"] == ""  # no rate: blank
    assert welfare["達成度Aの数"] == "0" and welfare["年間削減時間"] == "0"
    assert departments["市民生活部"]["平均達成率"] == "98.3"
    assert {(row["年度"], row["年度（和暦）"]) for row in departments.values()} == {
        ("2024", "令和6年度")
    }
    city = rows_of(files, "rollup_city.csv")[0]
    assert (city["DXポイント数"], city["常勤換算"], city["年間削減時間"]) == (
        "5",
        "0.19",
        "360",
    )
    falling = next(
        row
        for row in rows_of(files, "points.csv")
        if row["ID"] == str(worked_year.falling.pk)
    )
    assert (falling["基準値"], falling["目標値"], falling["実績値"]) == (
        "100",
        "40",
        "22",
    )
    assert (falling["段階コード"], falling["デジタル化の段階"]) == (
        "digitization",
        "デジタイゼーション",
    )
    words = next(
        row
        for row in rows_of(files, "points.csv")
        if row["ID"] == str(worked_year.words.pk)
    )
    assert words["基準値"] == "" and words["達成度"] == "B"


def test_the_report_table_and_readme_state_date_encoding_and_licence(files, published):
    report = rows_of(files, "report.csv")[0]
    assert report["公開日時"].endswith("+09:00")  # Japan time
    assert report["公開日"] == published.published_at.astimezone().date().isoformat()
    assert report["公開日（和暦）"].startswith("令和")
    assert (report["版"], report["状態"]) == ("1", "published")
    readme = files[README].decode("utf-8-sig")
    assert "UTF-8（BOM付き）" in readme
    assert "クリエイティブ・コモンズ 表示 4.0 国際 ライセンス（CC BY 4.0）" in readme
    assert "出典: 入間市 デジタル行政推進課「入間市 令和6年度" in readme
    assert f"公開日: {report['公開日']}" in readme
    for name in files:
        if name != README:
            assert f"- {name}: " in readme


def test_the_licence_follows_the_setting(published, settings):
    settings.OPEN_DATA_LICENCE = "PDL-1.0"
    archive = zipfile.ZipFile(io.BytesIO(opendata_zip(published.frozen())))
    readme = archive.read(README).decode("utf-8-sig")
    assert "公共データ利用規約（第1.0版）（PDL1.0）" in readme
    assert "CC BY" not in readme


def test_formula_like_text_stays_text(worked_year):
    from evaluation.documents import live_document

    worked_year.rising.title = "=1+1 申請"
    worked_year.rising.save()
    document = live_document(worked_year.year)
    archive = zipfile.ZipFile(io.BytesIO(opendata_zip(document)))
    header, *rows = read(archive.read("points.csv"))
    titles = [row[header.index("DXポイント")] for row in rows]
    assert "'=1+1 申請" in titles
