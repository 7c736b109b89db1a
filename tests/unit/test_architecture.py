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
    `commit_before_telling`, right before a reply that says a change is done; a notice renderer
    only through `commit_renderer_bookkeeping`, on the unit of work it opened itself."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "handlers").rglob("*.py"))
        if path.name != "transaction.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"commit", "rollback"}
    ]
    assert offenders == []


def commit_calls(source: str) -> list[tuple[str, bool]]:
    """Each call of a commit helper of handlers/transaction.py, and whether it sits inside an
    `async with` (a unit of work the module opened itself: a renderer's, not the update's)."""
    helpers = {"commit_before_telling", "commit_renderer_bookkeeping"}
    tree = ast.parse(source)
    inside = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.AsyncWith)
        for node in ast.walk(block)
    }
    return [
        (node.func.id, id(node) in inside)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in helpers
    ]


def test_each_commit_helper_is_used_for_its_own_reason() -> None:
    """The update's unit of work is the middleware's, never opened in handlers/; a renderer's is
    opened by `async with` on its factory. Each helper belongs to one of the two."""
    misused = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "handlers").rglob("*.py"))
        for name, in_own_block in commit_calls(path.read_text(encoding="utf-8"))
        if in_own_block != (name == "commit_renderer_bookkeeping")
    ]
    assert misused == []
    assert commit_calls(
        "async def f(uow, open_uow):\n"
        "    await commit_before_telling(uow)\n"
        "    async with open_uow() as own:\n"
        "        await commit_before_telling(own)\n"
        "        await commit_renderer_bookkeeping(own)\n"
    ) == [
        ("commit_before_telling", False),
        ("commit_before_telling", True),
        ("commit_renderer_bookkeeping", True),
    ]


# --- The layout of handlers/: one package per feature, a few shared modules -----------------

FEATURES = {
    "reports",
    "my_requests",
    "staff",
    "alerts",
    "booking",
    "performers",
    "account",
    "faq",
}
# What every feature may lean on (docs/ARCHITECTURE.md, "One home per feature").
SHARED = {
    "common",
    "keyboard_builder",
    "menu",
    "replies",
    "rendered_message",
    "transaction",
    "commands",
    "address_choice",
    "art_prospect",
    "art_prospect_notices",
    "provide",
    "errors",
}
# The few places one feature shows a piece of another; anything new here needs a reason.
FEATURE_EDGES = {
    "account": {"alerts"},  # the profile shows the alert settings and links to them
    "booking": {"staff", "performers"},  # staff filters; a performer's profile on the cards
    "performers": {"staff"},  # staff filters for the staff's profile cards
    "reports": {"my_requests", "alerts"},  # the request's place and button; the outage offer
    "faq": {"reports"},  # an answer may start a report with its category
    "my_requests": {"faq"},  # a resident's answer may be a question the FAQ answers
    "staff": {"my_requests", "booking", "performers", "alerts"},  # the card's text; staff routers
    "alerts": {"staff"},  # staff filters for the suspected outages' cards
}


def handlers_targets(source: str) -> set[str]:
    """The handlers/ modules or packages (first name under handlers.) a module imports."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "handlers":
                targets.update(alias.name for alias in node.names)
                continue
            names = [node.module]
        else:
            continue
        targets.update(n.split(".")[1] for n in names if n.startswith("handlers."))
    return targets


def layout_offenders(handlers_root: Path) -> dict[str, list[str]]:
    """Modules of handlers/ that import a sibling they may not: a feature another feature
    outside FEATURE_EDGES, a shared module any feature."""
    offenders: dict[str, list[str]] = {}
    for path in sorted(handlers_root.rglob("*.py")):
        parts = path.relative_to(handlers_root).parts
        if len(parts) > 1:
            own = parts[0]
            allowed = SHARED | {own} | FEATURE_EDGES.get(own, set())
        elif path.stem in SHARED:
            allowed = SHARED
        else:
            continue  # handlers/__init__.py, start.py, fallback.py assemble the features
        wrong = handlers_targets(path.read_text(encoding="utf-8")) - allowed
        if wrong:
            offenders["/".join(parts)] = sorted(wrong)
    return offenders


def test_features_import_only_what_is_shared_and_the_listed_features() -> None:
    assert {p.name for p in (ROOT / "handlers").iterdir() if (p / "__init__.py").exists()} == (
        FEATURES
    ), "a feature package came or went: update FEATURES and docs/ARCHITECTURE.md"
    assert {f"{name}.py" for name in SHARED} <= {p.name for p in (ROOT / "handlers").glob("*")}
    assert layout_offenders(ROOT / "handlers") == {}


def test_layout_check_catches_a_stray_import(tmp_path: Path) -> None:
    root = tmp_path / "handlers"
    for name in ("alerts", "booking"):
        (root / name).mkdir(parents=True)
        (root / name / "__init__.py").write_text("")
    (root / "alerts" / "texts.py").write_text("from handlers.booking.texts import x\n")
    (root / "booking" / "texts.py").write_text("from handlers import common, alerts\n")
    (root / "common.py").write_text("import handlers.alerts.texts\n")
    assert layout_offenders(root) == {
        "alerts/texts.py": ["booking"],
        "booking/texts.py": ["alerts"],
        "common.py": ["alerts"],
    }


def test_bot_holds_no_screens() -> None:
    """bot/ is the composition root: what people read is rendered by the features
    (handlers/<feature>/notices.py); bot/renderers.py only keeps the registry."""
    assert sorted(p.name for p in (ROOT / "bot").rglob("*renderers*.py")) == ["renderers.py"]
    builders = {
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "aiogram.utils.keyboard"
    }
    assert builders == set()
