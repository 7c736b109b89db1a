"""The thresholds of suspected outages and "is it back?" from data/crowd_outages.toml."""

import tomllib
from pathlib import Path

from domain.alerts.crowd_rules import CrowdRules, parse_rules

CROWD_RULES_FILE = "crowd_outages.toml"


def read_crowd_rules(data_dir: Path) -> CrowdRules:
    """ValueError (naming the file) when the file is not valid: the bot must not start
    with thresholds nobody chose."""
    path = data_dir / CROWD_RULES_FILE
    try:
        return parse_rules(tomllib.loads(path.read_text(encoding="utf-8")))
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from error
