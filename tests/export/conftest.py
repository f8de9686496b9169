"""Fixtures of the export tests: one rule-based scenario on the default area."""

import pytest

from gebied.scenario.rules import rule_scenario


@pytest.fixture(scope="module")
def scenario(ctx):
    return rule_scenario(ctx, "grootste")
