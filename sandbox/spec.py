"""Check requests against the Bot API spec and coerce form strings to typed values.

Telegram silently ignores parameters it does not know; the sandbox refuses them,
because an ignored parameter is nearly always a bot bug (a typo, a wrong method).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sandbox.errors import ApiError, bad_request
from sandbox.files import Upload

logger = logging.getLogger(__name__)

SPEC_PATH = Path(__file__).with_name("bot_api_spec.json")
_DISCRIMINATORS = ("type", "status", "source")
_MUST_BE = re.compile(r'(?:must be|always) "?([a-z_]+)"?')

# Parameters Telegram still accepts although the spec no longer lists them
# (aiogram 3 keeps them as deprecated arguments).
LEGACY_PARAMS = frozenset({"reply_to_message_id", "allow_sending_without_reply"})
LEGACY_BY_METHOD = {
    "sendMessage": {"disable_web_page_preview"},
    "editMessageText": {"disable_web_page_preview"},
}

# Fields newer Bot API versions made required that the installed aiogram (Bot API
# 10.3) insists on; the shipped spec is 10.1.
REQUIRED_OVERLAY: dict[str, tuple[str, ...]] = {
    "ChatMemberAdministrator": ("can_send_welcome_messages",),
    "ChatAdministratorRights": ("can_send_welcome_messages",),
}


@dataclass(frozen=True, slots=True)
class Spec:
    version: str
    methods: dict[str, Any]
    types: dict[str, Any]

    def fields(self, type_name: str) -> dict[str, dict[str, Any]]:
        fields = {f["name"]: f for f in self.types[type_name].get("fields", [])}
        for name in REQUIRED_OVERLAY.get(type_name, ()):
            fields[name] = {"name": name, "types": ["Boolean"], "required": True}
        return fields

    def method_fields(self, method: str) -> dict[str, dict[str, Any]]:
        return {f["name"]: f for f in self.methods[method].get("fields", [])}


@cache
def load_spec(path: Path = SPEC_PATH) -> Spec:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Spec(version=data["version"], methods=data["methods"], types=data["types"])


def _coerce(name: str, kinds: list[str], raw: Any) -> Any:
    """Turn a form/query string into the JSON value the spec type describes."""
    if isinstance(raw, Upload):
        if "InputFile" not in kinds:
            raise bad_request(f"parameter {name!r} can't be a file upload")
        return raw
    if not isinstance(raw, str):
        return raw
    for kind in kinds:
        value = _coerce_one(kind, raw)
        if value is not None:
            return value
    if "String" in kinds or "InputFile" in kinds:
        return raw
    raise bad_request(f"can't parse {name}: {raw[:50]!r} is not a valid {' or '.join(kinds)}")


def _float(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


def _json(raw: str) -> Any:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict | list) else None


_PARSERS = {
    "Integer": lambda raw: int(raw) if re.fullmatch(r"-?\d+", raw.strip()) else None,
    "Float": _float,
    "Boolean": lambda raw: {"true": True, "1": True, "false": False, "0": False}.get(raw.lower()),
    "String": lambda raw: None,  # strings are taken as they are by _coerce
    "InputFile": lambda raw: None,
}


def _coerce_one(kind: str, raw: str) -> Any:
    """The typed value of ``raw`` for ``kind``, or None when it does not parse."""
    return _PARSERS.get(kind, _json)(raw)


def _check_primitive(kind: str, value: Any) -> bool | None:
    """True/False for a primitive kind, None when ``kind`` is an object type."""
    checks = {
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "Boolean": lambda v: isinstance(v, bool),
        "True": lambda v: v is True,
        "String": lambda v: isinstance(v, str),
        "InputFile": lambda v: isinstance(v, Upload | str),
    }
    check = checks.get(kind)
    return None if check is None else bool(check(value))


class Checker:
    """Walks a value along spec types, collecting problems as readable paths."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def check(self, kinds: list[str], value: Any, path: str) -> list[str]:
        best: list[str] | None = None
        for kind in kinds:
            problems = self.check_kind(kind, value, path)
            if not problems:
                return []
            if best is None or len(problems) < len(best):
                best = problems
        return best or []

    def check_kind(self, kind: str, value: Any, path: str) -> list[str]:
        if kind.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{path} must be an array"]
            inner = kind.removeprefix("Array of ")
            return [
                p
                for i, item in enumerate(value)
                for p in self.check([inner], item, f"{path}[{i}]")
            ]
        primitive = _check_primitive(kind, value)
        if primitive is not None:
            return [] if primitive else [f"{path} must be {kind}"]
        if kind not in self.spec.types:
            return []  # outside the subset: opaque
        return self.check_object(kind, value, path)

    def check_object(self, type_name: str, value: Any, path: str) -> list[str]:
        if not isinstance(value, dict):
            return [f"{path} must be an object ({type_name})"]
        subtypes = self.spec.types[type_name].get("subtypes")
        if subtypes:
            chosen = self.pick_subtype(subtypes, value)
            if chosen is None:
                return [f"{path} is not any of {', '.join(subtypes)}"]
            return self.check_object(chosen, value, path)
        fields = self.spec.fields(type_name)
        problems = [
            f"{path}.{key}: unknown field for {type_name}" for key in value if key not in fields
        ]
        for name, field in fields.items():
            if name not in value:
                if field["required"]:
                    problems.append(f"{path}: {type_name} needs field {name!r}")
                continue
            problems.extend(self.check(field["types"], value[name], f"{path}.{name}"))
        return problems

    def pick_subtype(self, subtypes: list[str], value: dict[str, Any]) -> str | None:
        for subtype in subtypes:
            tag = discriminator(self.spec, subtype)
            if tag is not None and value.get(tag[0]) == tag[1]:
                return subtype
        for subtype in subtypes:
            if discriminator(self.spec, subtype) is None and not self.check_object(
                subtype, value, ""
            ):
                return subtype
        return None


def discriminator(spec: Spec, type_name: str) -> tuple[str, str] | None:
    for field in spec.types.get(type_name, {}).get("fields", []):
        if field["name"] in _DISCRIMINATORS:
            match = _MUST_BE.search(field.get("description", ""))
            if match:
                return field["name"], match.group(1)
    return None


def validate_params(method: str, raw: dict[str, Any], spec: Spec | None = None) -> dict[str, Any]:
    """Coerce and check a method's parameters; raise ApiError(400) on the first problem."""
    spec = spec or load_spec()
    fields = spec.method_fields(method)
    legacy = LEGACY_PARAMS | LEGACY_BY_METHOD.get(method, set())
    unknown = sorted(name for name in raw if name not in fields and name not in legacy)
    if unknown:
        raise _refuse(method, f"unknown parameter {unknown[0]!r} (not in {spec.version})")
    params: dict[str, Any] = {}
    for name, value in raw.items():
        kinds = fields[name]["types"] if name in fields else ["Integer", "Boolean"]
        params[name] = _coerce(name, kinds, value)
    for name, field in fields.items():
        if field["required"] and name not in params:
            raise _missing(method, name)
    checker = Checker(spec)
    for name, value in params.items():
        if name not in fields or isinstance(value, Upload):
            continue
        problems = checker.check(fields[name]["types"], value, name)
        if problems:
            raise _refuse(method, problems[0])
    return params


def check_result(method: str, result: Any, spec: Spec | None = None) -> list[str]:
    """Problems in a result the sandbox built (missing required fields, unknown ones)."""
    spec = spec or load_spec()
    return Checker(spec).check(spec.methods[method]["returns"], result, "result")


def _missing(method: str, name: str) -> ApiError:
    if name == "text":
        return bad_request("message text is empty")
    logger.warning("%s without required parameter %s", method, name)
    return bad_request(f"{name} is empty (required by {method})")


def _refuse(method: str, problem: str) -> ApiError:
    logger.warning("spec check refused %s: %s", method, problem)
    return bad_request(f"{method}: {problem} [sandbox spec check]")
