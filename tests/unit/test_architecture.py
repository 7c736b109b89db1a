"""The house rules a machine can check: imports point inwards only."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "domain": {
        "aiogram",
        "sqlalchemy",
        "aiohttp",
        "apscheduler",
        "alembic",
        "redis",
        "bot",
        "handlers",
        "storage",
        "scheduler",
        "sandbox",
    },
    "storage": {"aiogram", "aiohttp", "bot", "handlers", "scheduler", "sandbox"},
    "handlers": {"sqlalchemy", "storage", "bot", "scheduler"},
    "sandbox": {"bot", "handlers", "scheduler"},  # bot/ runs the sandbox, not the other way
}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((ROOT / layer).rglob("*.py"))
    assert files, f"{layer}/ has no modules"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[layer])
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_module_level_bot_or_dispatcher() -> None:
    for path in sorted(ROOT.glob("*/*.py")):
        if path.parts[-2] in {".venv", "tests", "migrations"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                func = node.value.func
                name = getattr(func, "id", getattr(func, "attr", ""))
                assert name not in {
                    "Bot",
                    "Dispatcher",
                    "create_async_engine",
                    "AsyncIOScheduler",
                }, f"{path}: module-level {name}"


def test_handlers_commit_only_before_telling() -> None:
    """The middleware owns the commit (handlers/transaction.py): a handler commits only through
    `commit_before_telling`, right before a reply that says a change is done."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "handlers").rglob("*.py"))
        if path.name != "transaction.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"commit", "rollback"}
    ]
    assert offenders == []
