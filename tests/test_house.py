"""The house rules of the code base, checked on the source text (no imports are run):

- the headless core `partydesk` never imports Qt or the `ui` package;
- no import circle among the modules of `partydesk`, nor among those of `ui` (an import
  inside a function counts too: it is still a dependency, only a late one; an import under
  `if TYPE_CHECKING:` does not, as it never runs);
- no module longer than about 400 lines unless its docstring says why ("Long because …").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("partydesk", "ui")
MAX_LINES = 420  # "about 400"
LONG_REASON = "Long because"


def _modules(pkg: str) -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / pkg).rglob("*.py")):
        if "migrations" in path.parts:  # Alembic revision scripts are data, loaded by Alembic
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports, anywhere in its body."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()

    def add(target: str) -> None:
        # `import a.b.c` depends on a.b.c (and runs a, a.b); keep the deepest known module
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)

    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for a in node.names:
                full = f"{mod}.{a.name}"
                add(full if full in known else mod)
    return found


def _graph(pkg: str) -> dict[str, set[str]]:
    known = {**_modules("partydesk"), **_modules("ui")}
    mods = _modules(pkg)
    return {
        n: {m for m in _imports(n, p, known) if m.split(".")[0] == pkg} for n, p in mods.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _edges_inside(comp: list[str], graph: dict[str, set[str]]) -> list[str]:
    return [f"{a} -> {b}" for a in comp for b in sorted(graph[a]) if b in comp]


@pytest.mark.parametrize("pkg", PACKAGES)
def test_no_import_circle(pkg):
    graph = _graph(pkg)
    cycles = _cycles(graph)
    assert not cycles, "import circles:\n" + "\n\n".join(
        "\n".join(_edges_inside(c, graph)) for c in cycles
    )


def test_core_never_imports_qt_or_ui():
    bad = []
    for name, path in _modules("partydesk").items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for n in names:
                if n.split(".")[0] in ("PySide6", "shiboken6", "ui", "PyQt5", "PyQt6"):
                    bad.append(f"{name}: import {n}")
    assert not bad, "\n".join(bad)


def test_long_modules_say_why():
    long = []
    for pkg in PACKAGES:
        for name, path in _modules(pkg).items():
            text = path.read_text(encoding="utf-8")
            n = text.count("\n")
            if n <= MAX_LINES:
                continue
            doc = ast.get_docstring(ast.parse(text)) or ""
            if LONG_REASON not in doc:
                long.append(f"{name}: {n} lines")
    assert not long, (
        f"modules over {MAX_LINES} lines whose docstring does not say '{LONG_REASON} …':\n"
        + "\n".join(long)
    )


def test_cycle_finder_finds_a_planted_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
