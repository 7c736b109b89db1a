"""Failures on demand: the stand-in answers a chosen method with a 5xx, or too late.

```python
stand_in.faults.fail("sendMessage", times=2)  # two 502s, then normal answers
stand_in.faults.fail("sendMessage", status=504, delay=2.0)  # a client timeout, not sent
stand_in.faults.slow("sendMessage", 2.0)  # sent, but answered after 2 s
```
A failed call never reaches the method: nothing is sent. Faults apply in the order they
were planned; `chat_id` narrows one to a chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any


@dataclass(slots=True)
class Fault:
    method: str  # lower case, as the server matches methods
    times: int
    status: int | None  # None: answer normally, after the delay
    delay: float = 0.0
    description: str = ""
    chat_id: int | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.times <= 0 or method.lower() != self.method:
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


class Faults:
    def __init__(self) -> None:
        self._planned: list[Fault] = []

    def fail(
        self,
        method: str,
        *,
        times: int = 1,
        status: int = HTTPStatus.BAD_GATEWAY,
        delay: float = 0.0,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `times` calls with `status` (after `delay` s), sending nothing."""
        text = description or HTTPStatus(status).phrase
        self._planned.append(Fault(method.lower(), times, status, delay, text, chat_id))

    def slow(
        self, method: str, seconds: float, *, times: int = 1, chat_id: int | None = None
    ) -> None:
        """Carry out the next `times` calls normally but answer `seconds` late."""
        self._planned.append(Fault(method.lower(), times, None, seconds, chat_id=chat_id))

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """The fault for this call, if one is planned; uses up one of its times."""
        for fault in self._planned:
            if fault.matches(method, params):
                fault.times -= 1
                return fault
        return None

    def clear(self) -> None:
        self._planned.clear()
