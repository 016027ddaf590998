"""Every page of the URL matrix, read as someone allowed to open it: no
「---------」 in a select, and every table in a focusable, labelled frame that
scrolls sideways on a narrow screen."""

import re

from tests.portal import test_url_matrix as matrix

objects = matrix.objects  # the matrix's objects fixture
PREFERENCE = ("dx_office", "head", "dxer", "viewer", "anonymous")
# Two-line figure cards, narrow enough for any screen.
UNWRAPPED_TABLES = ('<table class="figures-card">',)


def pages():
    for name, (build, expected) in sorted(matrix.EXPECTED.items()):
        role = next((r for r in PREFERENCE if expected.get(r) == 200), None)
        if role is not None:
            yield name, build, role


def test_no_page_shows_dashes_for_an_empty_choice(objects, client_as):
    for name, build, role in pages():
        response = client_as(role).get(build(objects))
        if "text/html" not in response["Content-Type"]:
            continue
        body = response.content.decode()
        assert "---------" not in body, name


def test_every_table_scrolls_in_a_focusable_labelled_frame(objects, client_as):
    checked = 0
    for name, build, role in pages():
        response = client_as(role).get(build(objects))
        if "text/html" not in response["Content-Type"]:
            continue
        body = response.content.decode()
        frames = re.findall(r'<div class="table-wrap[^"]*"[^>]*>', body)
        for frame in frames:
            assert 'tabindex="0"' in frame and 'role="region"' in frame, name
            label = re.search(r'aria-labelledby="([^"]+)"', frame)
            assert label is not None, name
            assert f'id="{label[1]}"' in body, (name, label[1])
        tables = body.count("<table") - sum(body.count(t) for t in UNWRAPPED_TABLES)
        assert tables == len(frames), name
        checked += len(frames)
    assert checked > 10
