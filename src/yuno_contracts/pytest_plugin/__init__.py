"""The pytest plugin of the suites: ``-p yuno_contracts.pytest_plugin`` (the root conftest loads it).

    options     command-line options, markers, where outputs go (the working directory)
    target      the run's target (resolved once; xdist workers receive it), the restricted skip
    markers     the one reader of the ``clause`` markers (``clauses_of``); ``--clause-map``
    fixtures    ``target`` / ``client`` (with the test's cassette)
    order       the order of the tests: each xdist worker starts with its share of the long ones
    selection   ``--clause`` / ``--ambiguity`` select tests; clause ids as keywords and JUnit properties
    recorder    the one recorder of a run: results.json and readings.json, clause of each test
    allure      Allure labels, links, attachments, environment and categories

Run state lives in ``config.stash``, never in module globals.
"""

pytest_plugins = [
    "yuno_contracts.pytest_plugin.options",
    "yuno_contracts.pytest_plugin.run_target",
    "yuno_contracts.pytest_plugin.markers",
    "yuno_contracts.pytest_plugin.fixtures",
    "yuno_contracts.pytest_plugin.order",
    "yuno_contracts.pytest_plugin.selection",
    "yuno_contracts.pytest_plugin.recorder",
    "yuno_contracts.pytest_plugin.allure",
]
