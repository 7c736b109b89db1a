"""No import cycles inside a first-party package: every module can be read (and imported)
after the ones it builds on. Imports inside functions and under TYPE_CHECKING count too:
they hide a cycle from the interpreter, not from a reader."""

import ast
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "domain", "storage", "handlers", "scheduler", "sandbox")


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, module: str) -> Iterator[str]:
    """Dotted names the module imports; `from a import b` gives a.b (b may be a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    paths = {module_name(root, path): path for path in sorted((root / package).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        graph[module] = set()
        for name in imported_names(path, module):
            target = name
            while target and target not in paths:  # a.b.Class -> a.b
                target = target.rpartition(".")[0]
            if target and target != module:
                graph[module].add(target)
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return list(error.args[1])
    return []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_inside_package(package: str) -> None:
    graph = import_graph(ROOT, package)
    assert graph, f"{package}/ has no modules"
    assert cycle_in(graph) == [], f"{package}/: " + " -> ".join(cycle_in(graph))


def test_the_check_sees_lazy_relative_and_type_checking_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "world.py").write_text("def person():\n    from pkg.driver import Person\n")
    (package / "driver.py").write_text("from .reading import Reader\n")
    (package / "reading.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import world\n"
    )
    assert set(cycle_in(import_graph(tmp_path, "pkg"))) == {
        "pkg.world",
        "pkg.driver",
        "pkg.reading",
    }

    (package / "world.py").write_text("import pkg.model\n")
    (package / "model.py").write_text("")
    assert cycle_in(import_graph(tmp_path, "pkg")) == []
