"""The gettext catalogues: complete, and every translation safe to format and to send as HTML.

The bot sends with `parse_mode=HTML` and formats texts with `str.format`, so a translation that
drops or renames a `{placeholder}` raises at run time, and one with an unbalanced tag makes
Telegram refuse the whole message. Both are caught here, before a resident ever sees them.
"""

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n import create_i18n

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
TEMPLATE = LOCALES_DIR / "messages.pot"
LOCALES = ("ru", "tt", "en")

# Tags Telegram accepts in HTML mode (https://core.telegram.org/bots/api#html-style).
TELEGRAM_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9A-Fa-f]+);")

Placeholder = tuple[str, str, str]  # field name, "!conversion", ":format spec"
MessageId = str | tuple[str, ...] | list[str]  # a plural message has one text per form
Texts = MessageId | None


@cache
def template() -> Catalog:
    with TEMPLATE.open("rb") as source:
        return read_po(source)


@cache
def catalogue(locale: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source)


def template_ids() -> list[MessageId]:
    return [message.id for message in template() if message.id]


def forms(value: Texts) -> tuple[str, ...]:
    if value is None:
        return ("",)
    return (value,) if isinstance(value, str) else tuple(value)


def short(message_id: Texts) -> str:
    text = forms(message_id)[0].replace("\n", "⏎")
    return repr(text if len(text) <= 60 else text[:59] + "…")


def translated(locale: str) -> Iterator[tuple[Message, tuple[str, ...]]]:
    """(message, its translated forms) for every non-empty message of the catalogue."""
    for message in catalogue(locale):
        strings = forms(message.string) if message.id else ()
        if strings and all(strings):
            yield message, strings


def placeholders(text: str) -> set[Placeholder] | None:
    """The `str.format` fields of `text`, or None when its braces do not parse."""
    try:
        return {
            (name, f"!{conversion}" if conversion else "", f":{spec}" if spec else "")
            for _literal, name, spec, conversion in Formatter().parse(text)
            if name is not None
        }
    except ValueError:
        return None


def spelled(found: set[Placeholder] | None) -> str:
    if found is None:
        return "<unparsable braces>"
    return " ".join("{" + "".join(field) + "}" for field in sorted(found)) or "<none>"


def tag_counts(text: str) -> Counter[str]:
    return Counter(f"{slash}{name.lower()}" for slash, name in TAG.findall(text))


def html_problems(text: str) -> list[str]:
    """Why Telegram would reject `text` in HTML mode (empty when it would accept it)."""
    problems: list[str] = []
    stack: list[str] = []
    for match in TAG.finditer(text):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in TELEGRAM_TAGS:
            problems.append(f"unsupported tag <{closing * '/'}{name}>")
        elif not closing:
            stack.append(name)
        elif not stack or stack[-1] != name:
            problems.append(f"</{name}> does not close the innermost open tag")
        else:
            stack.pop()
    problems.extend(f"<{name}> is never closed" for name in stack)
    bare = TAG.sub("", text)
    if "<" in bare or ">" in bare:
        problems.append("a bare < or > (write &lt; / &gt;)")
    if "&" in ENTITY.sub("", bare):
        problems.append("a bare & (write &amp;)")
    return problems


def test_template_is_not_empty() -> None:
    assert template_ids(), f"no message ids in {TEMPLATE}"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale: str) -> None:
    messages = catalogue(locale)
    missing, empty, fuzzy = [], [], []
    for message_id in template_ids():
        message = messages.get(message_id)
        if message is None:
            missing.append(short(message_id))
            continue
        strings = forms(message.string)
        if not all(strings) or (message.pluralizable and len(strings) < messages.num_plurals):
            empty.append(short(message_id))
        elif message.fuzzy:
            fuzzy.append(short(message_id))  # compiled catalogues skip fuzzy entries
    problems = [
        f"{title} ({len(ids)}): " + ", ".join(ids)
        for title, ids in (("missing", missing), ("empty", empty), ("fuzzy", fuzzy))
        if ids
    ]
    assert not problems, f"{locale} catalogue is incomplete:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_match(locale: str) -> None:
    offenders = []
    for message, strings in translated(locale):
        id_sets = [placeholders(text) for text in forms(message.id)]
        if any(found is None for found in id_sets):
            continue  # not a format string: its braces are literal text
        expected = set().union(*(found for found in id_sets if found is not None))
        got = [placeholders(text) for text in strings]
        if message.pluralizable:
            # A plural form may leave out a placeholder ("one photo"), but not invent one,
            # and all forms together keep every placeholder.
            ok = all(found is not None and found <= expected for found in got) and (
                len(strings) > 1 or got[0] == expected
            )
        else:
            ok = got == [expected]
        if not ok:
            shown = " | ".join(spelled(found) for found in got)
            offenders.append(f"{short(message.id)}: expected {spelled(expected)}, got {shown}")
    assert not offenders, f"{locale}: placeholders differ from the id:\n" + "\n".join(offenders)


@pytest.mark.parametrize("locale", LOCALES)
def test_html_tags_match(locale: str) -> None:
    offenders = []
    for message, strings in translated(locale):
        expected = tag_counts(forms(message.id)[-1])
        for text in strings:
            if tag_counts(text) != expected:
                offenders.append(
                    f"{short(message.id)}: expected {dict(expected)}, got {dict(tag_counts(text))}"
                )
    assert not offenders, f"{locale}: HTML tags differ from the id:\n" + "\n".join(offenders)


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_are_valid_telegram_html(locale: str) -> None:
    offenders = [
        f"{short(message.id)}: {'; '.join(problems)}"
        for message, strings in translated(locale)
        for text in strings
        if (problems := html_problems(text))
    ]
    assert not offenders, f"{locale}: invalid Telegram HTML:\n" + "\n".join(offenders)


def test_message_ids_are_valid_telegram_html() -> None:
    offenders = [
        f"{short(message_id)}: {'; '.join(problems)}"
        for message_id in template_ids()
        for text in forms(message_id)
        if (problems := html_problems(text))
    ]
    assert not offenders, "invalid Telegram HTML in the template:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("<b>Заявка {number}</b>", True),
        ("Срок — <b>просрочено</b> → <i>a &amp; b</i>", True),
        ('<a href="https://kzn.ru">link</a>', True),
        ("<b>open", False),
        ("<b><i>crossed</b></i>", False),
        ("closed</b>", False),
        ("<div>x</div>", False),
        ("1 < 2", False),
        ("Tom & Jerry", False),
    ],
)
def test_html_check_itself(text: str, valid: bool) -> None:
    assert (not html_problems(text)) is valid


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ru", get_plural("ru")),
        ("en", get_plural("en")),
        ("tt", (1, "0")),
    ],
)
def test_plural_forms(locale: str, expected: tuple[int, str]) -> None:
    messages = catalogue(locale)
    assert str(messages.locale) == locale, f"Language header of {locale}: {messages.locale}"
    num_plurals, expression = expected
    assert messages.num_plurals == num_plurals, messages.plural_forms
    assert messages.plural_expr.replace(" ", "") == expression.replace(" ", ""), (
        messages.plural_forms
    )


# After "не больше" the noun is genitive, and the genitive plural serves 2–4 as well as 5+
# ("не больше 2 адресов"): here the few and many forms are rightly the same.
GENITIVE_CONTEXT = ("не больше {max} адреса",)


def test_russian_plurals_have_their_own_few_form() -> None:
    """`make i18n` fills a new Russian plural with (singular, plural, plural): "2 дней". A
    translator must give the "few" form (2–4) whenever it differs from the singular."""
    offenders = [
        short(message.id)
        for message in catalogue("ru")
        if message.pluralizable
        and message.id[0] != message.id[1]
        and len(forms(message.string)) == 3
        and forms(message.string)[1] == forms(message.string)[2]
        and not any(context in message.id[0] for context in GENITIVE_CONTEXT)
    ]
    assert not offenders, "ru plurals without their own 2–4 form:\n" + "\n".join(offenders)


OVERDUE = ("(просрочено на {days} день)", "(просрочено на {days} дней)")


@pytest.mark.parametrize(
    ("locale", "days", "expected"),
    [
        ("ru", 1, "(просрочено на 1 день)"),
        ("ru", 3, "(просрочено на 3 дня)"),
        ("ru", 11, "(просрочено на 11 дней)"),
        ("ru", 21, "(просрочено на 21 день)"),
        ("en", 1, "(1 day overdue)"),
        ("en", 5, "(5 days overdue)"),
        ("tt", 1, "(1 көнгә соңга калды)"),
        ("tt", 5, "(5 көнгә соңга калды)"),
    ],
)
def test_a_plural_text_takes_the_form_of_its_count(locale: str, days: int, expected: str) -> None:
    i18n = create_i18n(LOCALES_DIR, "ru")
    assert i18n.gettext(*OVERDUE, n=days, locale=locale).format(days=days) == expected
