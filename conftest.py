"""Root conftest: loads the suites' pytest plugin (options, fixtures and reports live in the package)."""

pytest_plugins = ["yuno_contracts.pytest_plugin"]
