"""The annual report as a PDF, rendered by WeasyPrint from a template.

A4 portrait, the wide tables on landscape pages; a cover, a table of
contents with page numbers, a running header and page numbers; the charts
as vector graphics with their data tables. A draft carries 「下書き（未公開）」
on every page.

Japanese fonts come from the machine (Debian's fonts-noto-cjk, found through
fontconfig) and are embedded in the file, subset to the characters used.
Nothing is fetched from the network: the stylesheet is read from our static
folder on disk, and the URL fetcher refuses anything but data: URLs and
files inside the static folders.

WeasyPrint needs Pango and HarfBuzz at run time (Debian: libpango-1.0-0,
libpangoft2-1.0-0, libharfbuzz-subset0). It is imported only when a PDF is
made, so the portal runs without them; a PDF then raises
:class:`PdfUnavailable`, which the pages turn into a message.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from iruma_dx.lib.fiscal import fiscal_year_label

from .charts import annual_report_charts, trend_chart
from .exports import department_comments
from .headlines import completeness_of, of_document

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
STYLESHEET = "css/report-pdf.css"
TEMPLATE = "evaluation/annual_report_pdf.html"


class PdfUnavailable(Exception):
    """WeasyPrint, or the libraries it needs, cannot be loaded on this machine."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango is missing
        raise PdfUnavailable(
            f"WeasyPrint cannot be loaded ({error}). Install it with the "
            f"project's dependencies and the Debian packages {DEBIAN_PACKAGES}."
        ) from error
    return weasyprint


def pdf_available() -> bool:
    """Whether this machine can make PDFs."""
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def static_roots() -> list[Path]:
    """The folders a PDF may read files from: our static folders."""
    roots = [Path(folder) for folder in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def local_only_fetcher():
    """A WeasyPrint URL fetcher that refuses the network.

    data: URLs and files under the static folders are read; anything else
    (http, https, ftp, other files) raises ValueError, which WeasyPrint
    reports as a missing resource.
    """
    urls = _weasyprint().urls
    roots = static_roots()

    class LocalOnlyFetcher(urls.URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"A report's PDF loads nothing from outside: {url}")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    if path is None:  # pragma: no cover - the file is part of the project
        raise FileNotFoundError(STYLESHEET)
    return Path(path).read_text(encoding="utf-8")


def pdf_context(document: dict) -> dict:
    """What the PDF's template shows."""
    data = document["figures"]
    published_at = document["published_at"]
    figures = of_document(document)
    title = _("%(municipality)s %(year)s DX Vision annual report, version %(version)s")
    return {
        "document": document,
        "data": data,
        "draft": data["status"] != "published",
        "published_at": (
            datetime.fromisoformat(published_at) if published_at else None
        ),
        "today": timezone.localdate(),
        "title": title
        % {
            "municipality": document["municipality"],
            "year": fiscal_year_label(data["fiscal_year"]),
            "version": data["version"],
        },
        "charts": annual_report_charts(document),
        "headlines": figures,
        "completeness": completeness_of(document),
        "trend": trend_chart(figures),
        "comments": department_comments(document),
    }


def render_pdf(document: dict) -> bytes:
    """The report of ``document`` as a PDF, in Japanese whatever the UI language.

    Raises PdfUnavailable when WeasyPrint cannot be loaded.
    """
    weasyprint = _weasyprint()
    fetcher = local_only_fetcher()
    with translation.override("ja"):
        html = render_to_string(TEMPLATE, pdf_context(document))
    base_url = static_roots()[0].as_uri() + "/"
    stylesheet = weasyprint.CSS(
        string=_stylesheet(), base_url=base_url, url_fetcher=fetcher
    )
    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=fetcher
    ).write_pdf(stylesheets=[stylesheet])
