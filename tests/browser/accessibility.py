"""axe-core, vendored next to this file, run in the page under test.

The script is test-only: it is never served by the application. It is injected with
``page.evaluate`` rather than a <script> tag because a tag's inline content would be refused
by our Content-Security-Policy (and reported as a violation); code evaluated through the
browser's debugging protocol is not subject to the page's policy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"

# WCAG 2.0 and 2.1, levels A and AA: the level public-sector sites are held to.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async (tags) => {
  // Colours are measured at rest: during a transition (a tab just opened) axe reads them half-way.
  const running = document.getAnimations().filter((a) => a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(running.map((a) => a.finished.catch(() => null)));
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const results = await axe.run(document, options);
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({target: node.target.join(" "), summary: node.failureSummary})),
  }));
}"""


@cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def serious_violations(page) -> list[dict]:
    """The WCAG A/AA rules the page breaks with a serious or critical impact, as axe reports them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(RUN_AXE, WCAG_AA_TAGS)
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, where: str = "") -> None:
    """No serious or critical WCAG 2.1 AA violation on the page as it stands now."""
    violations = serious_violations(page)
    assert violations == [], f"axe-core finds on {where or page.url}:\n{describe(violations)}"
