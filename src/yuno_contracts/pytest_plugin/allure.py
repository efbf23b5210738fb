"""Allure enrichment: labels, links and the run's environment, executor and categories files.

A pytest plugin (loaded by the root conftest), active when ``--alluredir`` is given:

- each suite test gets epic "Checkout Sessions API", feature = the endpoint of its clauses,
  story = each clause id, the clause's severity, tags ``probe`` / ``fuzz`` / the suite folder,
  a link to the Yuno documentation page the clause comes from and one to the clause itself;
- each exchange of the test's client attached as JSON and a masked curl line;
- at the end of the run (on the controller under xdist) ``environment.properties``,
  ``executor.json`` and ``categories.json`` are written into the results folder.

``categories.json`` (package data beside this module) sorts failures by their one-line message:
blocked by a failed precondition, contract violation, documentation ambiguity, target
unavailable, stale cassette.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import allure
import pytest

from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses
from yuno_contracts.catalogue.contract import contract_hash
from yuno_contracts.core.files import atomic_write
from yuno_contracts.pytest_plugin.fixtures import EXCHANGES_KEY
from yuno_contracts.pytest_plugin.markers import clauses_of
from yuno_contracts.pytest_plugin.options import is_worker
from yuno_contracts.pytest_plugin.recorder import git_revision
from yuno_contracts.pytest_plugin.run_target import record_mode, run_target

__all__ = ["clause_labels"]

EPIC = "Checkout Sessions API"
CATEGORIES = Path(__file__).with_name("categories.json")
REPOSITORY_URL = os.environ.get(
    "YUNO_CONTRACTS_REPO_URL", "https://github.com/yuno-contracts/yuno-contracts"
)


def clause_labels(clause_ids: Sequence[str], nodeid: str) -> dict[str, Any]:
    """Feature, stories, severity, tags and links for a test checking ``clause_ids``."""
    clauses = load_clauses()
    known = [clauses[cid] for cid in clause_ids if cid in clauses]
    order = ["blocker", "critical", "normal", "minor"]
    severity = min((c.severity for c in known), key=order.index, default="normal")
    parts = nodeid.split("/")
    folder = parts[1] if len(parts) > 2 and parts[0] == "suites" else ""
    tags = [folder] if folder else []
    tags += [t for t in ("probe", "fuzz") if folder.startswith(t)]
    links = []
    for clause in known:
        links.append((clause.source.page, f"Yuno docs: {clause.source.file}"))
        links.append((f"{REPOSITORY_URL}/blob/main/contracts/clauses.yaml", f"clause {clause.id}"))
    return {
        "features": list(dict.fromkeys(c.endpoint for c in known)),
        "stories": [c.id for c in known],
        "severity": severity,
        "tags": tags,
        "links": list(dict.fromkeys(links)),
        "descriptions": [f"**{c.id}**: {c.description}\n\n> {c.quote}" for c in known],
    }


def _allure_dir(config: pytest.Config) -> Path | None:
    value = getattr(config.option, "allure_report_dir", None)
    return Path(value) if value else None


@pytest.fixture(autouse=True)
def _allure_labels(request: pytest.FixtureRequest) -> None:
    """Label each clause-marked test for Allure (a no-op without ``--alluredir``)."""
    if _allure_dir(request.config) is None:
        return
    ids = clauses_of(request.node)
    if not ids:
        return

    labels = clause_labels(ids, request.node.nodeid)
    # the report marks blocked tests by it (reports.allure_blocked.NODEID_LABEL)
    allure.dynamic.label("nodeid", request.node.nodeid)
    allure.dynamic.epic(EPIC)
    for feature in labels["features"]:
        allure.dynamic.feature(feature)
    for story in labels["stories"]:
        allure.dynamic.story(story)
    allure.dynamic.severity(labels["severity"])
    if labels["tags"]:
        allure.dynamic.tag(*labels["tags"])
    for url, name in labels["links"]:
        allure.dynamic.link(url, name=name)
    if labels["descriptions"]:
        allure.dynamic.description("\n\n".join(labels["descriptions"]))


def _properties(config: pytest.Config) -> dict[str, str]:
    target = run_target(config)
    readings = (
        ", ".join(f"{k}={v}" for k, v in sorted(target.readings.items()))
        if target and target.readings
        else "as the target behaves"
    )
    return {
        "target": target.kind if target else "none",
        "target.description": target.description if target else "",
        "base.url": target.base_url if target else "",
        "spec.hash": contract_hash(),
        "record.mode": (record_mode(config) or "not used") if target else "",
        "git.revision": git_revision() or "unknown",
        "sandbox.readings": readings if target and target.kind == "local" else "n/a",
        "ambiguities": str(len(load_ambiguities())),
    }


def _executor(config: pytest.Config) -> dict[str, Any]:
    """Who ran this: CI (GitHub Actions) when its variables are set, else a local run."""
    run_id = os.environ.get("GITHUB_RUN_ID")
    if run_id:
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        repo = os.environ.get("GITHUB_REPOSITORY", "")
        url = f"{server}/{repo}/actions/runs/{run_id}"
        return {
            "name": "GitHub Actions",
            "type": "github",
            "buildName": f"{os.environ.get('GITHUB_WORKFLOW', 'workflow')} #{run_id}",
            "buildOrder": int(os.environ.get("GITHUB_RUN_NUMBER", "0") or 0),
            "buildUrl": url,
            "reportUrl": url,
        }
    return {"name": "local run", "type": "local", "buildName": "yuno-contracts"}


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    results = _allure_dir(config)
    if results is None or is_worker(config):
        return

    results.mkdir(parents=True, exist_ok=True)
    lines = [f"{k}={v.replace(chr(10), ' ')}" for k, v in _properties(config).items()]
    atomic_write(results / "environment.properties", "\n".join(lines) + "\n")
    atomic_write(results / "executor.json", json.dumps(_executor(config), indent=2) + "\n")
    if CATEGORIES.exists():
        shutil.copyfile(CATEGORIES, results / "categories.json")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Attach the test's exchanges (JSON and a masked curl line) once its call has run."""
    if call.when != "call" or _allure_dir(item.config) is None:
        return
    for index, exchange in enumerate(item.stash.get(EXCHANGES_KEY, None) or (), 1):
        allure.attach(
            json.dumps(exchange.as_dict(), indent=2, ensure_ascii=False),
            name=f"{index}. {exchange.summary()}",
            attachment_type=allure.attachment_type.JSON,
        )
        allure.attach(
            exchange.curl(), name=f"{index}. curl", attachment_type=allure.attachment_type.TEXT
        )
