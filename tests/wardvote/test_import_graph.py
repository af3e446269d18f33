"""Imports between the apps' modules flow one way (docs/architecture.md, section 2).

The modules are read with ``ast``, not imported, so every import counts: at the top of a
module, under ``TYPE_CHECKING`` and inside functions alike. A cycle fails with the
modules that form it; so does an import inside a function (the usual way to hide a
cycle), and any import of ``elections`` or ``reporting`` from the division map.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("elections", "neighborhoods", "reporting", "wardvote")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_files() -> dict[str, Path]:
    """Every module of the apps, by dotted name; migrations excluded."""
    files = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                files[module_name(path)] = path
    return files


FILES = app_files()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in FILES.items()}


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The module a ``from … import`` names, relative imports resolved against ``module``."""
    if not node.level:
        return node.module or ""
    is_package = FILES[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _known(name: str) -> str | None:
    """The app module ``name`` is, or lies in (``reporting.models.X`` -> ``reporting.models``)."""
    while name:
        if name in FILES:
            return name
        name = name.rpartition(".")[0]
    return None


def imported_modules(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The app modules one import statement loads (an imported name may itself be a submodule)."""
    if isinstance(node, ast.Import):
        targets = {_known(alias.name) for alias in node.names}
    else:
        source = _absolute(module, node)
        targets = {_known(f"{source}.{alias.name}") for alias in node.names}
    return {target for target in targets if target and target != module}


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in FILES}
    for module, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[module] |= imported_modules(module, node)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A path through the group back to its first module: what to read to break it."""
    members, start = set(group), group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return group


def cycles(apps: frozenset[str] | set[str]) -> list[str]:
    """Each group of modules that import each other, with one cycle through it."""
    graph = import_graph()
    return [
        f"{', '.join(group)} (for one: {' -> '.join(one_cycle(graph, group))})"
        for group in strongly_connected(graph)
        if any(app_of(member) in apps for member in group)
    ]


def _functions(tree: ast.AST) -> Iterator[tuple[ast.AST | None, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function with the class it is defined in (None outside a class)."""

    def walk(node: ast.AST, owner: ast.AST | None) -> Iterator:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield owner, child
                yield from walk(child, None)
            else:
                yield from walk(child, child if isinstance(child, ast.ClassDef) else owner)

    yield from walk(tree, None)


def _allowed_inside(module: str, owner: ast.AST | None, function: ast.AST) -> bool:
    # Django runs AppConfig.ready once the models are loaded: registrations belong there.
    return module.endswith(".apps") and isinstance(owner, ast.ClassDef) and function.name == "ready"


def imports_inside_functions(apps: frozenset[str] | set[str]) -> list[str]:
    found = []
    for module, tree in TREES.items():
        if app_of(module) not in apps:
            continue
        for owner, function in _functions(tree):
            if _allowed_inside(module, owner, function):
                continue
            for statement in function.body:
                for node in ast.walk(statement):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        found.append(f"{FILES[module].relative_to(ROOT)}:{node.lineno} in {function.name}()")
    return sorted(set(found))


CHECKED = frozenset(APPS)


def test_no_import_cycle_among_the_app_modules():
    assert cycles(CHECKED) == []


def test_no_import_inside_a_function():
    assert imports_inside_functions(CHECKED) == []


def test_the_division_map_imports_neither_elections_nor_reporting():
    graph = import_graph()
    upward = [
        f"{module} -> {target}"
        for module, targets in sorted(graph.items())
        if app_of(module) == "neighborhoods"
        for target in sorted(targets)
        if app_of(target) in ("elections", "reporting")
    ]
    assert upward == []


def test_the_graph_sees_every_kind_of_import():
    """The checks above are only as good as the edges: a few that must be there."""
    graph = import_graph()
    assert "reporting.models" in graph["reporting.queue"]  # from reporting.models import …
    assert "reporting.services" in graph["reporting.tasks"]  # from reporting import services
    assert "neighborhoods.tasks" in graph["neighborhoods.apps"]  # inside AppConfig.ready
    assert "wardvote.celery" in graph["wardvote"]  # from .celery import app


# The layers of docs/architecture.md, section 2, lowest first; a module of ``elections`` or
# ``neighborhoods`` may import its own layer or a lower one. ``reporting`` and ``wardvote`` are
# machinery named by subject (``reporting.documents`` is the paper registry the services use,
# not a layer of context builders), held by the cycle test only.
LADDER_APPS = ("elections", "neighborhoods")
LAYER_RANK = {
    "rules": 0,
    "models": 1,
    "selectors": 2,
    "transitions": 3,
    "consultation": 3,
    "services": 4,
    "documents": 5,
    "count_documents": 5,
    "forms": 6,
    "views": 7,
    "tasks": 7,
    "admin": 8,
    "urls": 8,
    "apps": 8,
}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] not in LADDER_APPS or len(parts) < 2:
        return None
    return LAYER_RANK.get(parts[1])


def test_each_layer_imports_only_its_own_or_lower_layers():
    """rules → models → selectors → transitions → services → documents → forms → views/tasks."""
    upward = [
        f"{module} -> {target}"
        for module, targets in sorted(import_graph().items())
        if (rank := layer_of(module)) is not None
        for target in sorted(targets)
        if app_of(target) == app_of(module) and (layer_of(target) or 0) > rank
    ]
    assert upward == []
