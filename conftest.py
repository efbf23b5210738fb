"""Root conftest: only loads the harness plugins (options, fixtures and reports live in the package)."""

pytest_plugins = ["yuno_contracts.plugin", "yuno_contracts.results", "yuno_contracts.reporting"]
