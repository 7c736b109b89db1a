"""The template is in step with the code: every text the code passes to gettext is in
`locales/messages.pot`, so a text added without `make i18n` fails here, not in front of a Tatar
or English reader (who would silently get the Russian source).

The extraction is the Makefile's `i18n` target done in-process: babel's default keywords plus
`_`, `__`, `ngettext:1,2`, `lazy_ngettext:1,2`, over bot, handlers and domain. Completeness of
each catalogue against the template is test_catalogues' job.
"""

from collections.abc import Iterator
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

from tests.unit.test_catalogues import TEMPLATE, MessageId, short, template

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("bot", "handlers", "domain")  # as in the Makefile's `pybabel extract`
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_": None,
    "__": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
}


def extracted() -> Iterator[tuple[str, int, MessageId]]:
    """(file, line, message id) of every gettext call in the code."""
    for directory in SOURCE_DIRS:
        for filename, line, message, _comments, _context in extract_from_dir(
            ROOT / directory, keywords=KEYWORDS
        ):
            if message:
                yield f"{directory}/{filename}", line, message


def test_extraction_finds_the_code_texts() -> None:
    ids = {message for _file, _line, message in extracted()}
    assert "Готово." in ids  # a plain gettext call (handlers/staff)
    assert any(isinstance(message, tuple) for message in ids), "no ngettext call found"


def test_every_code_text_is_in_the_template() -> None:
    known = {message.id for message in template() if message.id}
    missing = [
        f"{file}:{line}: {short(message)}"
        for file, line, message in extracted()
        if message not in known
    ]
    assert not missing, (
        f"{len(missing)} text(s) of the code are not in {TEMPLATE.name}; run `make i18n` and "
        "translate them:\n" + "\n".join(sorted(set(missing)))
    )
