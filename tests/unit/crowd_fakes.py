"""In-memory CrowdRepository (domain/alerts/ports.py) and a unit of work with alerts, the
crowd and the staff chat's outbox."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from domain.alerts.crowd import BackAnswer, HouseTally, Signal, Suspicion, SuspicionStatus
from domain.alerts.crowd_rules import SuspectKind
from tests.unit.alert_fakes import FakeAlertsUnitOfWork
from tests.unit.department_fakes import FakeDepartments

STAFF_CHAT = -100500


class FakeCrowd:
    def __init__(self) -> None:
        self.signals: dict[int, Signal] = {}
        self.suspicions: dict[int, Suspicion] = {}
        self.answers: dict[tuple[int, int], BackAnswer] = {}

    async def add_signal(self, signal: Signal) -> Signal:
        assert signal.id is None, "add_signal() takes a new signal"
        saved = replace(signal, id=len(self.signals) + 1)
        self.signals[saved.id] = saved  # type: ignore[index]
        return saved

    async def loose_signals(
        self, kind: SuspectKind, street_id: int, since: datetime
    ) -> list[Signal]:
        return [
            s
            for s in self.signals.values()
            if (s.kind, s.street_id) == (kind, street_id)
            and s.created_at >= since
            and s.suspicion_id is None
        ]

    async def signals_of(self, suspicion_id: int) -> list[Signal]:
        return [s for s in self.signals.values() if s.suspicion_id == suspicion_id]

    async def attach(self, signal_ids: Sequence[int], suspicion_id: int) -> None:
        for signal_id in signal_ids:
            self.signals[signal_id] = replace(self.signals[signal_id], suspicion_id=suspicion_id)

    async def open_suspicion(self, kind: SuspectKind, street_id: int) -> Suspicion | None:
        found = [
            s
            for s in self.suspicions.values()
            if (s.kind, s.street_id, s.status) == (kind, street_id, SuspicionStatus.OPEN)
        ]
        assert len(found) <= 1, "two open suspicions of one kind on one street"
        return found[0] if found else None

    async def add_suspicion(self, suspicion: Suspicion) -> Suspicion:
        assert await self.open_suspicion(suspicion.kind, suspicion.street_id) is None
        saved = replace(suspicion, id=len(self.suspicions) + 1)
        self.suspicions[saved.id] = saved  # type: ignore[index]
        return saved

    async def get_suspicion(
        self, suspicion_id: int, *, for_update: bool = False
    ) -> Suspicion | None:
        return self.suspicions.get(suspicion_id)

    async def save_suspicion(self, suspicion: Suspicion) -> None:
        assert suspicion.id in self.suspicions, "update of an unknown suspicion"
        self.suspicions[suspicion.id] = suspicion  # type: ignore[index]

    async def answer(self, outage_id: int, user_id: int) -> BackAnswer | None:
        return self.answers.get((outage_id, user_id))

    async def save_answer(self, answer: BackAnswer) -> None:
        self.answers[(answer.outage_id, answer.user_id)] = answer

    async def tally(self, outage_id: int, street_id: int, house: str) -> HouseTally:
        theirs = [
            a
            for a in self.answers.values()
            if (a.outage_id, a.street_id, a.house) == (outage_id, street_id, house)
        ]
        return HouseTally(
            back=sum(a.back for a in theirs), still_off=sum(not a.back for a in theirs)
        )


class FakeCrowdUnitOfWork(FakeAlertsUnitOfWork):
    def __init__(self, staff_chat_id: int | None = STAFF_CHAT) -> None:
        super().__init__()
        self.crowd = FakeCrowd()
        self.staff_chat_id = staff_chat_id
        self.departments = FakeDepartments({})
