"""The page's frame and small HTML pieces. Every value from the database or the query is
escaped here, at the last moment (`esc`), and nothing else builds markup."""

from html import escape
from urllib.parse import urlencode

from bot.public.texts import LANGUAGES

STYLE = (
    "body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:0 12px;"
    "color:#1d2a33}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.4em}"
    "table{border-collapse:collapse;width:100%}td,th{padding:4px 6px;text-align:left;"
    "border-bottom:1px solid #dde3e8}td.n,th.n{text-align:right}nav a{margin-right:10px}"
    "form{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:12px 0}"
    "label{display:flex;flex-direction:column;font-size:.9em}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(300px,100%),1fr));"
    "gap:16px}"
    "svg{width:100%;height:auto}svg path{stroke:#fff;stroke-width:1.5}"
    ".l0{fill:#e3eef5}.l1{fill:#b7d3e6}.l2{fill:#7fb0d3}.l3{fill:#3f86bb}.l4{fill:#175c92}"
    "svg text{font-size:15px;text-anchor:middle;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px}.big{font-size:1.6em;font-weight:600}footer{margin:2em 0;"
    "font-size:.85em;color:#5a6872}"
    ".photos img{max-width:100%;max-height:360px;margin:0 8px 8px 0;vertical-align:top}"
    # A phone: a wide table scrolls by itself, the page never sideways.
    "@media(max-width:640px){table{display:block;overflow-x:auto}td,th{padding:3px 4px}"
    "body{font-size:14px}}"
)


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def href(path: str, **query: str | int | None) -> str:
    """A link with the given query (empty parts left out), escaped for an attribute."""
    kept = {key: value for key, value in query.items() if value not in (None, "")}
    return esc(f"{path}?{urlencode(kept)}" if kept else path)


def page(locale: str, title: str, body: str, languages_path: str, query: dict[str, str]) -> str:
    """The whole document; the language links keep the rest of the query."""
    nav = " ".join(
        f'<a href="{href(languages_path, **{**query, "lang": code})}" hreflang="{code}"'
        f"{' aria-current=page' if code == locale else ''}>{esc(name)}</a>"
        for code, name in LANGUAGES.items()
    )
    return (
        f'<!doctype html><html lang="{esc(locale)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<nav>{nav}</nav>{body}</body></html>"
    )


def select(name: str, label: str, options: list[tuple[str, str]], chosen: str | None) -> str:
    items = "".join(
        f'<option value="{esc(value)}"'
        f"{' selected' if value == (chosen or '') else ''}>{esc(text)}</option>"
        for value, text in options
    )
    return f'<label>{esc(label)}<select name="{esc(name)}">{items}</select></label>'


def table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """Cells are markup already (escape what goes in); `numeric` columns align right."""
    right = numeric or set()
    head = "".join(
        f"<th{' class=n' if index in right else ''}>{esc(h)}</th>"
        for index, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if index in right else ''}>{cell}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
