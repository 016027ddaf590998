from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from iruma_dx.lib.kana import INDEX_ROWS
from iruma_dx.lib.spreadsheet import csv_bytes

from .models import ALPHANUMERIC, Term

INDEX_ROMAJI = ("a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa")
MAX_QUERY_LENGTH = 100
# Open data keeps the seed's column names whatever the UI language.
CSV_HEADER = ["No.", "用語", "読み方", "意味"]
# Index headings and the fragment each one jumps to.
ANCHORS = {
    ALPHANUMERIC: "alphanumeric",
    **{
        f"{row}行": f"row-{romaji}"
        for row, romaji in zip(INDEX_ROWS, INDEX_ROMAJI, strict=True)
    },
}


@login_not_required
@require_safe
def term_list(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = Term.objects.search(query) if query else Term.objects.all()
    groups = [
        {"label": label, "anchor": ANCHORS[label], "terms": list(items)}
        for label, items in groupby(terms, lambda t: t.index_label)
    ]
    present = {group["label"] for group in groups}
    index = [
        {"label": label, "anchor": anchor, "present": label in present}
        for label, anchor in ANCHORS.items()
    ]
    return render(
        request,
        "glossary/term_list.html",
        {"groups": groups, "index": index, "query": query, "count": len(terms)},
    )


@login_not_required
@require_safe
def term_detail(request, number: int):
    term = get_object_or_404(Term, number=number)
    return render(
        request,
        "glossary/term_detail.html",
        {"term": term, "anchor": ANCHORS[term.index_label]},
    )


@login_not_required
@require_safe
def term_csv(request):
    """Download the whole glossary as open data (UTF-8 with BOM for Excel)."""
    rows = [CSV_HEADER] + [
        [term.number, term.term, term.reading, term.meaning]
        for term in Term.objects.order_by("number")
    ]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="iruma-dx-glossary.csv"'
    return response
