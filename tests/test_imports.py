"""The house's imports go one way: no module imports, directly or through others, a module that
imports it back (lazy imports inside functions count; `if TYPE_CHECKING:` blocks do not)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Known cycles, to be removed where they live; delete an entry when it is gone.
KNOWN: set[frozenset[str]] = set()


def _modules() -> dict[str, Path]:
    out = {"main": ROOT / "main.py"}
    for pkg in ("core", "surfaces", "gui"):
        for path in (ROOT / pkg).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    """Project modules imported anywhere in the tree, outside `if TYPE_CHECKING:` blocks."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for a in child.names:  # `from pkg import module` imports the module
                    sub = f"{child.module}.{a.name}"
                    found.add(sub if sub in modules else child.module)
            stack.append(child)
    return found & modules.keys()


def _cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: set[frozenset[str]] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.add(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.add(frozenset(comp))
    return out


@functools.cache
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        m: _imports(ast.parse(p.read_text(encoding="utf-8")), modules) - {m}
        for m, p in modules.items()
    }


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == {frozenset("abc")}
    assert _cycles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycles_between_modules() -> None:
    graph = _graph()
    assert len(graph) > 50 and "surfaces.base" in graph["surfaces.registry"]  # it sees the house
    assert _cycles(graph) - KNOWN == set()


def test_packages_import_one_way() -> None:
    """surfaces import nothing of core or gui; core imports nothing of gui."""
    graph = _graph()
    for m, deps in graph.items():
        top = {d.split(".")[0] for d in deps}
        if m.startswith("surfaces"):
            assert not top & {"core", "gui", "main"}, (m, deps)
        if m.startswith("core"):
            assert not top & {"gui", "main"}, (m, deps)
