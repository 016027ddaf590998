"""Enlarged to 400 % (a screen 320 CSS px wide): no text or control is cut off,
and nothing but data tables scrolls sideways; tables scroll in their frame."""

import pytest

from tests.portal import test_url_matrix as matrix

objects = matrix.objects  # the matrix's objects fixture: a draft, a report …

WIDTH = 320
# Main pages, and who opens them (objects of the URL matrix's fixture).
PAGES = {
    "anonymous": [
        lambda o: "/accounts/login/",
        lambda o: "/glossary/",
        lambda o: "/glossary/14/",
        lambda o: "/accessibility/",
    ],
    "dxer": [
        lambda o: "/",
        lambda o: "/points/?year=2024",
        lambda o: "/points/new/?year=2024",
        lambda o: f"/points/{o.draft.pk}/",
        lambda o: f"/points/{o.reporting.pk}/report/",
    ],
    "head": [
        lambda o: "/",
        lambda o: "/review/",
        lambda o: f"/points/{o.submitted.pk}/return/",
        lambda o: f"/departments/{o.org.shimin.pk}/?year=2024",
    ],
    "viewer": [
        lambda o: "/points/search/",
        lambda o: "/reports/2022/",
    ],
    "dx_office": [
        lambda o: "/dashboard/",
        lambda o: "/years/",
        lambda o: "/org/",
    ],
}
REFLOW_PAGES = sum(len(urls) for urls in PAGES.values())

# What sticks out of a 320 px screen, outside the data tables' frames.
OVERFLOW = """(width) => {
  const problems = [];
  const page = document.scrollingElement.scrollWidth;
  if (page > width + 1) problems.push(`the page is ${page}px wide`);
  const hidden = ".visually-hidden, .skip-link, .table-wrap, svg";
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    if (el.closest(hidden)) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      const text = (el.innerText || el.value || "").trim().slice(0, 40);
      problems.push(`${el.tagName}.${el.className} "${text}" ${box.left}–${box.right}`);
    }
  }
  for (const table of document.querySelectorAll("table")) {
    const frame = table.closest(".table-wrap");
    if (table.getBoundingClientRect().width > width + 1 && !frame) {
      problems.push(`a table ${table.getBoundingClientRect().width}px wide, unframed`);
    }
    if (frame && frame.scrollWidth > frame.clientWidth && frame.tabIndex !== 0) {
      problems.push("a table scrolls in a frame the keyboard cannot reach");
    }
  }
  return problems;
}"""


# Table cells that break a word across lines (市民/生活/部, 令和6年/度): a line
# may only end at a space or after punctuation, or before an opening bracket.
BROKEN_WORDS = """() => {
  const breakable = (before, after) =>
    /[、。，．・：:；;）)」』\\/%]/.test(before) || /[（(「『]/.test(after);
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let previous = null;  // [character, top, line height] of the last one
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      const height = parseFloat(getComputedStyle(node.parentElement).lineHeight);
      let space = true;  // a line may break between two elements' texts
      for (let i = 0; i < node.length; i++) {
        const character = node.data[i];
        if (/\\s/.test(character)) {
          space = true;
          continue;
        }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (previous && rect.top > previous[1] + previous[2] / 2
            && !space && !breakable(previous[0], character)) {
          broken.push(cell.innerText.trim().slice(0, 30));
        }
        previous = [character, rect.top, height];
        space = false;
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("role", sorted(PAGES))
def test_pages_reflow_at_320_css_pixels(
    new_page, objects, people, login, assert_accessible, role
):
    page = new_page()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    if role != "anonymous":
        login(page, getattr(people, role).username)
    for build in PAGES[role]:
        url = build(objects)
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert page.evaluate(OVERFLOW, WIDTH) == [], url
        assert page.evaluate(BROKEN_WORDS) == [], url
        assert_accessible(page)


def test_a_wide_table_scrolls_inside_its_frame(
    new_page, objects, people, login, make_point
):
    for index in range(3):
        make_point(
            objects.draft.fiscal_year,
            title=f"とても長い題名のDXポイント{index}" * 3,
            state="submitted",
        )
    page = new_page()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    login(page, "head")
    page.goto("/review/")
    frame = page.locator(".table-wrap").first
    sizes = frame.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1]  # the table is wider than the screen …
    assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH + 1
    frame.focus()  # … and the keyboard scrolls it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.table-wrap').scrollLeft > 0", timeout=3000
    )
    # No cell breaks a name one character per line.
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll("thead th, td.nowrap"))
            .map((cell) => [cell.innerText, cell.getBoundingClientRect().height])"""
    )
    line = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('td')).lineHeight)"
    )
    tall = [text for text, height in heights if text.strip() and height > 2.5 * line]
    assert tall == []
