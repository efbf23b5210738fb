"""Root conftest: only loads the harness plugin (options and fixtures live in the package)."""

pytest_plugins = ["yuno_contracts.plugin"]
