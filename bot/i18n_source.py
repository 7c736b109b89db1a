"""`python -m bot.i18n_source FILE.po`: fill the Russian catalogue from its message ids.

Russian is the source language, so its translations are the ids themselves; filling them keeps
the "every catalogue is complete" check meaningful for ru as well.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill(path: Path) -> int:
    with path.open("rb") as source:
        catalogue = read_po(source, locale="ru")
    filled = 0
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string or ()):
                message.string = (message.id[0], message.id[1], message.id[1])
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    with path.open("wb") as target:
        write_po(target, catalogue, omit_header=False, sort_output=True, no_location=True)
    return filled


if __name__ == "__main__":
    sys.exit(0 if fill(Path(sys.argv[1])) >= 0 else 1)
