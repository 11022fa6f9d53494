"""The apps stand on each other in one order, and no module imports from a floor above its own:
partnership, then twostep, then sso, then continuum, then assessments, then dashboards, then
notifications, then rights, then voice, then api, then perf, then operations at the top."""

import ast
from pathlib import Path

FLOORS = [
    "partnership",
    "twostep",
    "sso",
    "continuum",
    "assessments",
    "dashboards",
    "notifications",
    "rights",
    "voice",
    "api",
    "perf",
    "operations",
]
ROOT = Path(__file__).resolve().parent.parent


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found & set(FLOORS)


def test_no_app_imports_from_a_floor_above_its_own():
    upward = []
    for floor, app in enumerate(FLOORS):
        for path in sorted((ROOT / app).rglob("*.py")):
            above = {other for other in imported_apps(path) if FLOORS.index(other) > floor}
            upward += [f"{path.relative_to(ROOT)} imports {other}" for other in sorted(above)]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from assessments.task_rows import tasks_by_partnership\n")
    assert imported_apps(module) == {"assessments"}
