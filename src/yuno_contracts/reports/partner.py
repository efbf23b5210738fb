"""``reports/partner.html``: the one small page a partner is sent.

Rendered with Jinja2 from ``templates/partner.html.j2`` (autoescaped): the target, date and
revision, the changes since the previous run, the verdict of every clause with the documented
sentence it checks (or, where Yuno documents a schema fragment, the contract's field line from
``catalogue.fields``) and a link to Yuno's page titled with the page's title, long failures
folded, the readings observed, and a link to the full
Allure report (the single file, which opens from disk). Self-contained: inline CSS, no script, no image, no font, nothing fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports.changes import change_rows
from yuno_contracts.reports.verdicts import worst_first

__all__ = ["render_partner_page", "write_partner_page"]

# The page links the single-file Allure report: it opens from disk (file://). ``html/`` keeps
# the history trend but loads its data with fetch(), which a browser refuses from file://, so
# it only works served (``npx allure open reports/html``); the page names it as text.
ALLURE_REPORT = "html-single/index.html"
ALLURE_SERVED = "html/index.html"
# a failure longer than this (raw JSON, a curl line, a 255-character value) is folded:
# its first characters, the rest behind <details>
FOLD_AT = 240


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("yuno_contracts.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_partner_page(summary: dict[str, Any]) -> str:
    return (
        _environment()
        .get_template("partner.html.j2")
        .render(
            summary=summary,
            revision=(summary["revision"] or "unknown")[:12],
            change_rows=change_rows(summary["changes"]),
            clauses=worst_first(summary["clauses"]),
            allure_report=ALLURE_REPORT,
            allure_served=ALLURE_SERVED,
            fold_at=FOLD_AT,
        )
    )


def write_partner_page(summary: dict[str, Any], path: Path) -> Path:
    atomic_write(path, render_partner_page(summary))
    return path
