"""axe-core (bundled by axe-playwright-python, runs offline) and what counts as failing."""

import json
from functools import cache

# WCAG 2.2 AA, which UK public sector bodies must meet, with the 2.0 and 2.1 rules it includes.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
# Only violations come back: passes and inapplicable rules make the answer ten times larger.
OPTIONS = json.dumps(
    {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
)


@cache
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def load_axe_in_every_page(context) -> None:
    """Saves injecting axe after each navigation when one context opens many pages."""
    context.add_init_script(axe_script())


def serious_violations(page) -> list[str]:
    """Each serious or critical violation on the page as it is now, with up to three places."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    violations = page.evaluate(f"axe.run(document, {OPTIONS}).then(results => results.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]
