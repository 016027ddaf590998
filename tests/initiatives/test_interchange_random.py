"""Random CSV cells through upload, preview and confirmation: never a server
error, never a partial write."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, given, settings
from hypothesis import strategies as st

from initiatives.interchange import COLUMNS
from initiatives.models import Plan
from tests.initiatives.interchange_helpers import NEW_ROW, csv_file, stored

# Text as people paste it: Japanese, full-width, control characters, formulas.
ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40
)
NUMBERS = [
    "",
    "0",
    "10",
    "１，２００",
    "-5",
    "1e3",
    "12.345",
    "9" * 20,
    "１２．５",
    "NaN",
]


def cell(*choices: str):
    """A value people type into this column, right or wrong, or any text at all."""
    return st.one_of(st.sampled_from(choices), ANY_TEXT)


CELLS = {
    "ID": cell("", "1", "２", "99999", "No.1"),
    "年度": cell("2024", "令和6年度", "２０２４", "2023", "2030", "令和元年度", ""),
    "部": cell("市民生活部", "福祉部", "総務部", ""),
    "課": cell("市民課", "介護保険課", "市民税課", ""),
    "DXポイント": cell("窓口のオンライン化", "=1+1", "", "あ" * 201),
    "内容": cell("申請をオンラインで受け付ける。", "一行目\r\n二行目", ""),
    "計画": cell("", "市民サービス向上計画", "ない計画"),
    "事務事業": cell("住民異動届の受付", ""),
    "心得": cell("1", "1;3", "６", "1;;2", "7", ""),
    "重点取組事項": cell("", "1", "マイナンバーカードの普及促進", "x;2"),
    "段階": cell("デジタライゼーション", "DX", "digitization", "", "電子化"),
    "指標": cell("申請の割合", ""),
    "単位": cell("%", ""),
    "基準値": cell("10", *NUMBERS),
    "目標値": cell("50", *NUMBERS),
    "実績値": cell("", *NUMBERS),
    "達成度": cell("", "A", "b", "E"),
    "効果": cell("", "早くなった"),
    "削減時間": cell("", *NUMBERS),
    "次年度への課題": cell("", "次は予約も"),
}
# A good row with up to four cells typed over: some rows are clean, most not.
CHANGES = st.lists(
    st.sampled_from(COLUMNS).flatmap(lambda c: st.tuples(st.just(c), CELLS[c])),
    max_size=4,
).map(dict)
ROWS = st.lists(
    CHANGES.map(lambda changes: {**NEW_ROW, **changes}), min_size=1, max_size=4
)


@pytest.fixture
def city(make_year, make_point, org):
    year = make_year(2024)
    make_year(2023, phase="closed")
    Plan.objects.create(title="市民サービス向上計画", department=org.shimin)
    make_point(year)
    make_point(year, state="approved")


@settings(max_examples=200)
@given(
    rows=ROWS,
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp932"]),
    file_type=st.sampled_from(["csv"] * 5 + ["txt"]),
)
def test_random_cells_never_fail_the_server_nor_write_half(
    city, client_as, rows, encoding, file_type
):
    # Characters cp932 lacks become "?", as Excel writes them.
    data = csv_file(rows, header=COLUMNS).decode("utf-8-sig")
    data = data.encode(encoding, errors="replace")
    client = client_as("dxer")
    before = stored()
    upload = client.post(
        "/interchange/import/",
        {"file": SimpleUploadedFile(f"random.{file_type}", data)},
    )
    if upload.status_code == 200:  # the file itself was refused
        event("file refused")
        assert upload.context["form"].errors
        assert stored() == before
        return
    assert upload.status_code == 302
    preview = client.get(upload["Location"])
    assert preview.status_code == 200
    plan = preview.context["preview"]
    confirm = client.post(upload["Location"], {"digest": plan.digest})
    after = stored()
    event("applied" if plan.is_clean else "refused")
    if plan.is_clean:
        assert confirm.status_code == 302
        assert after["initiatives.DxPoint"] == (
            before["initiatives.DxPoint"] + len(plan.creates)
        )
        history = (
            "initiatives.HistoricalDxPoint",
            "initiatives.HistoricalAchievementReport",
        )
        recorded = sum(after[name] - before[name] for name in history)
        assert recorded >= len(plan.creates) + len(plan.updates)
    else:
        assert confirm.status_code == 200
        assert after == before
