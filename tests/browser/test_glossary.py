"""Journey: a member of staff looks a word up in the glossary."""

import re

from playwright.sync_api import expect


def test_browse_search_and_follow_a_reference(page, base_url, assert_accessible):
    page.goto(f"{base_url}/glossary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("用語集")
    assert page.locator(".term-list__item").count() == 63
    assert_accessible(page)

    # Jump by the index.
    page.get_by_role("navigation", name="用語集の索引").get_by_role(
        "link", name="は行"
    ).click()
    expect(page).to_have_url(re.compile(r"#row-ha$"))
    expect(page.locator("#row-ha")).to_be_in_viewport()

    # Search in hiragana for a katakana word.
    page.get_by_label("用語集を検索").fill("くらうど")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("件")
    expect(page.get_by_role("link", name="クラウド", exact=True)).to_be_visible()
    assert_accessible(page)

    # A search that finds nothing says so.
    page.get_by_label("用語集を検索").fill("該当なしの言葉")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("一致する用語はありません")
    assert_accessible(page)

    # Open a term and follow its cross-reference.
    page.goto(f"{base_url}/glossary/37/")
    expect(page.get_by_role("heading", level=1)).to_have_text("超スマート社会")
    assert_accessible(page)
    page.get_by_role("link", name="No.14 Society 5.0").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Society 5.0")
    assert_accessible(page)


def test_glossary_term_tooltip_shows_on_keyboard_focus(page, base_url):
    page.goto(f"{base_url}/glossary/3/")
    link = page.locator(".term-detail__meaning a.glossary-term").first
    link.focus()
    expect(link.locator(".glossary-tip")).to_be_visible()


def test_skip_link_with_the_keyboard(page, base_url, assert_accessible):
    page.goto(f"{base_url}/glossary/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="メインコンテンツへ移動")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert_accessible(page)


def test_login_page_and_english(page, base_url, assert_accessible):
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("ログイン")
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
