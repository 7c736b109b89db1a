"""No Russian text reaches a reader past gettext: every Cyrillic string literal in the code
that talks to people (handlers, bot, scheduler) is a gettext argument, a docstring, or listed
below with the reason it is not shown as a translatable text.

test_i18n_sync checks that the texts given to gettext are in the catalogues; this checks the
ones that were never given to it.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED_DIRS = ("handlers", "bot", "scheduler")
CYRILLIC = re.compile("[а-яёА-ЯЁәөүҗңһӘӨҮҖҢҺ]")
GETTEXT = frozenset({"_", "__", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"})

# file -> why its Cyrillic literals are not texts for translation
EXEMPT = {
    "handlers/menu.py": "language names are written in their own language",
    "handlers/booking/staff_day.py": "words staff may type after /bookings (input, not output)",
    "handlers/reports/outage_offer.py": "a pattern recognising 'no water' in the resident's text",
    "bot/api/outage_models.py": "examples of street input in the API's documentation",
    "bot/api/event_models.py": "examples of field values in the API's documentation",
    # GeoReport v2 has one language per endpoint and no locale parameter: Kazan's Open311
    # answers in Russian (the categories' English and Tatar names are among the keywords).
    "bot/open311/catalog.py": "Open311 service groups and attributes, in the endpoint's language",
    "bot/open311/services.py": "Open311 discovery's contact texts, in the endpoint's language",
    "bot/open311/views.py": "Open311 status notes; the media line kept in a request's text",
    "bot/open311/filing.py": "Open311 service_notice, in the endpoint's language",
    "bot/open311/openapi.py": "examples of field values in the Open311 API's documentation",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _gettext_arguments(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in GETTEXT:
            found.update(id(sub) for arg in node.args for sub in ast.walk(arg))
    return found


def untranslated(source: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    allowed = _docstrings(tree) | _gettext_arguments(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and CYRILLIC.search(node.value)
            and id(node) not in allowed
        ):
            yield node.lineno, node.value


def test_cyrillic_literals_go_through_gettext() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}"
        for directory in CHECKED_DIRS
        for path in sorted((ROOT / directory).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in EXEMPT
        for line, text in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "Russian shown without gettext:\n" + "\n".join(offenders)


def test_exempt_files_exist() -> None:
    missing = [name for name in EXEMPT if not (ROOT / name).exists()]
    assert not missing, f"stale exemptions: {missing}"


def test_the_check_itself() -> None:
    source = (
        '"""Модуль."""\n'
        'def f():\n    """Функция."""\n    return _("Готово.")\n'
        'def g():\n    return "Готово."\n'
        'def h():\n    return ngettext("{n} день", "{n} дней", 2)\n'
    )
    assert [line for line, _text in untranslated(source)] == [6]
