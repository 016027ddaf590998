import pytest
from django.template import Context, Template

from glossary.models import Term

pytestmark = pytest.mark.django_db


def render(text: str, exclude=None) -> str:
    template = Template("{% load glossary_tags %}{{ text|glossary_links:exclude }}")
    return template.render(Context({"text": text, "exclude": exclude}))


def test_longest_term_wins():
    html = render("AI-OCRで読み取り、AIで判定する。")
    ai_ocr = Term.objects.get(term="AI-OCR").get_absolute_url()
    ai = Term.objects.get(term="AI").get_absolute_url()
    assert f'<a class="glossary-term" href="{ai_ocr}">AI-OCR' in html
    assert f'<a class="glossary-term" href="{ai}">AI<' in html
    assert html.index(ai_ocr) < html.index(ai + '"')


def test_only_the_first_occurrence_is_linked():
    html = render("RPAを入れる。RPAで夜間処理。")
    assert html.count('class="glossary-term"') == 1


def test_terms_inside_latin_words_are_not_linked():
    assert "glossary-term" not in render("DXerが担当する")
    assert "glossary-term" in render("DXを進める")


def test_link_carries_a_definition_for_screen_readers_and_tooltip():
    html = render("RPAを導入した。")
    assert '<span class="glossary-tip">（用語集：' in html
    assert "Robotic Process Automation の略。" in html


def test_html_in_the_text_stays_escaped():
    html = render('<script>alert("DX")</script> を RPA で')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'class="glossary-term"' in html


def test_text_without_terms_is_only_escaped():
    assert render("a < b & c") == "a &lt; b &amp; c"
    assert render("") == ""


def test_excluded_term_is_not_linked_to_itself():
    term = Term.objects.get(term="RPA")
    assert "glossary-term" not in render("RPAとは", exclude=term)


def test_one_query_for_a_whole_page(django_assert_num_queries):
    template = Template(
        "{% load glossary_tags %}{% for t in texts %}{{ t|glossary_links }}{% endfor %}"
    )
    from glossary.templatetags.glossary_tags import forget_terms

    forget_terms()
    with django_assert_num_queries(1):
        template.render(Context({"texts": ["DXとAI"] * 50}))


def test_a_changed_term_is_seen_at_once():
    render("DXとAI")
    Term.objects.create(
        number=64, term="いるま", reading="いるま", meaning="市の名前。"
    )
    assert "glossary-term" in render("いるまのDX").split("DX")[0]
