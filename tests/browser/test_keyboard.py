"""Two whole journeys with the keyboard alone: a DXer adds and submits a point,
a head returns one with a comment and approves the next.

At every Tab the focused element must show a visible focus ring (an outline
or a box shadow), and Tab must move on to another element: no trap.
"""

import re

from playwright.sync_api import expect

from initiatives.models import DxPoint

# What the focused element is, and whether its focus can be seen.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.dataset.keyboardStep) {
    window.keyboardSteps = (window.keyboardSteps || 0) + 1;
    el.dataset.keyboardStep = String(window.keyboardSteps);
  }
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const name = el.getAttribute("aria-label") || label || el.innerText || el.value || "";
  const box = el.getBoundingClientRect();
  return {
    step: el.dataset.keyboardStep,
    tag: el.tagName,
    name: name.replace(/\\s+/g, " ").trim(),
    visible: (outline || shadow) && box.width > 0 && box.height > 0,
  };
}"""


def tab_to(page, name: str, *, limit: int = 150) -> dict:
    """Press Tab until the element named ``name`` (a regex) has the focus.

    Every element passed on the way must show its focus, and each Tab must
    move the focus on: a trap fails the test. After the last element the
    focus leaves the page once (to the browser) and comes back at the top.
    """
    pattern = re.compile(name)
    focused = page.evaluate(FOCUSED)
    if focused is not None and pattern.search(focused["name"]):
        return focused  # already there (the sign-in page focuses its first box)
    previous, left_the_page = None, 0
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            left_the_page += 1
            assert left_the_page == 1, f"Tab went round the page without {name!r}"
            continue
        assert focused["visible"], f"no visible focus on {focused}"
        assert focused["step"] != previous, f"Tab is stuck on {focused}"
        previous = focused["step"]
        if pattern.search(focused["name"]):
            return focused
    raise AssertionError(f"Tab never reached {name!r}")


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    tab_to(page, "^ユーザー名")
    page.keyboard.type(username)
    tab_to(page, "^パスワード")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))


def test_a_dxer_adds_and_submits_a_point_with_the_keyboard_alone(
    new_page, people, make_year, password, assert_accessible
):
    make_year(2024)
    page = new_page()
    sign_in(page, "dxer", password)
    assert_accessible(page)
    tab_to(page, "^担当課のDXポイント$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/points/$"))
    tab_to(page, "^DXポイントを追加$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("DXポイントを追加")
    assert_accessible(page)

    tab_to(page, "^DXポイント")
    page.keyboard.type("キーボードで申請")
    tab_to(page, "^説明")
    page.keyboard.type("キーボードだけで入力した説明。")
    tab_to(page, "^DXの心得3")
    page.keyboard.press("Space")
    tab_to(page, "^説明を見る.*DXの心得3")
    page.keyboard.press("Enter")  # opens the explanation
    expect(page.locator("details[open]")).to_have_count(1)
    tab_to(page, "^事務事業")
    page.keyboard.type("住民異動届の受付")
    tab_to(page, "^デジタイゼーション")
    page.keyboard.press("Space")
    tab_to(page, "^保存して部長に提出$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "DXポイントを保存し、部長に提出しました"
    )
    assert_accessible(page)
    point = DxPoint.objects.get(title="キーボードで申請")
    assert point.state == "submitted"
    assert sorted(point.principles.values_list("number", flat=True)) == [3]
    assert point.stage == "digitization"


def test_a_head_returns_and_approves_with_the_keyboard_alone(
    new_page, people, make_year, make_point, password, assert_accessible
):
    year = make_year(2024)
    first = make_point(year, title="窓口の予約", state="submitted")
    second = make_point(year, title="申請の電子化", state="submitted")
    page = new_page()
    sign_in(page, "head", password)
    tab_to(page, "^承認・確認$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/review/$"))
    assert_accessible(page)
    # The table's frame takes the focus too, so the keyboard scrolls it.
    tab_to(page, "^コメントを付けて差戻し.*窓口の予約")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/points/{first.pk}/return/$"))
    assert_accessible(page)
    tab_to(page, "^DXerへのコメント")
    page.keyboard.type("予約の対象を書いてください。")
    tab_to(page, "^差戻し$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("差し戻しました")
    assert_accessible(page)

    tab_to(page, "^次の確認待ち：「申請の電子化」$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("申請の電子化")
    tab_to(page, "^承認$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("を承認しました")
    assert_accessible(page)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("returned", "approved")
    assert first.comments.get().body == "予約の対象を書いてください。"
