"""Blocked tests in the Allure results: what pytest saw as failed, Allure shows as blocked.

The Allure results are written while the tests run, before anyone knows which clause is a root
cause; when the report is built (``reports.summary``), each result of a blocked test (found by
its ``nodeid`` label, set by ``pytest_plugin.allure``) becomes ``skipped`` with the message
``blocked by CREATE-200: …``, which the category "Blocked by a failed precondition" gathers. So
Allure counts failed, broken and passed as the summary does, and blocked as a category of its
skipped tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports.preconditions import BlockingPlan

__all__ = ["NODEID_LABEL", "mark_blocked"]

NODEID_LABEL = "nodeid"
BLOCKED_STATUS = "skipped"  # Allure's statuses: passed, failed, broken, skipped, unknown


def mark_blocked(allure_results: Path, plan: BlockingPlan) -> int:
    """Rewrite the results of the tests ``plan`` blocks; the number rewritten (0 if none)."""
    if not plan.blocked_tests or not allure_results.is_dir():
        return 0
    rewritten = 0
    for path in allure_results.glob("*-result.json"):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not ours to judge: Allure reports an unreadable result itself
        labels = {label.get("name"): label.get("value") for label in result.get("labels", [])}
        nodeid = labels.get(NODEID_LABEL)
        if nodeid not in plan.blocked_tests or result.get("status") == BLOCKED_STATUS:
            continue
        details = result.setdefault("statusDetails", {})
        details["message"] = plan.message(nodeid, details.get("message"))
        result["status"] = BLOCKED_STATUS
        atomic_write(path, json.dumps(result, ensure_ascii=False))
        rewritten += 1
    return rewritten
