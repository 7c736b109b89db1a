"""Residents' signals of suspected outages, the suspicions they gather into, and the answers
to "is it back?" (domain/alerts/crowd.py)."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import case, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.alerts.crowd import (
    BackAnswer,
    HouseTally,
    Signal,
    SignalSource,
    Suspicion,
    SuspicionStatus,
)
from domain.alerts.crowd_rules import SuspectKind
from storage.dialects import insert_for
from storage.models import BackAnswerRow, SignalRow, SuspicionRow


class SqlCrowdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_signal(self, signal: Signal) -> Signal:
        values = {
            "user_id": signal.user_id,
            "kind": signal.kind.value,
            "source": signal.source.value,
            "street_id": signal.street_id,
            "house": signal.house,
            "district": signal.district,
            "place_text": signal.place_text[:200],
            "request_id": signal.request_id,
            "declined_outage_id": signal.declined_outage_id,
            "suspicion_id": signal.suspicion_id,
            "created_at": signal.created_at,
        }
        signal_id = await self._session.scalar(
            insert(SignalRow).values(values).returning(SignalRow.id)
        )
        assert signal_id is not None
        return replace(signal, id=signal_id)

    async def loose_signals(
        self, kind: SuspectKind, street_id: int, since: datetime
    ) -> list[Signal]:
        rows = await self._session.scalars(
            select(SignalRow)
            .where(
                SignalRow.kind == kind.value,
                SignalRow.street_id == street_id,
                SignalRow.created_at >= since,
                SignalRow.suspicion_id.is_(None),
            )
            .order_by(SignalRow.id)
        )
        return [_signal(row) for row in rows]

    async def signals_of(self, suspicion_id: int) -> list[Signal]:
        rows = await self._session.scalars(
            select(SignalRow).where(SignalRow.suspicion_id == suspicion_id).order_by(SignalRow.id)
        )
        return [_signal(row) for row in rows]

    async def attach(self, signal_ids: Sequence[int], suspicion_id: int) -> None:
        await self._session.execute(
            update(SignalRow)
            .where(SignalRow.id.in_(list(signal_ids)))
            .values(suspicion_id=suspicion_id)
        )

    async def open_suspicion(self, kind: SuspectKind, street_id: int) -> Suspicion | None:
        row = await self._session.scalar(
            select(SuspicionRow)
            .where(
                SuspicionRow.kind == kind.value,
                SuspicionRow.street_id == street_id,
                SuspicionRow.status == SuspicionStatus.OPEN.value,
            )
            .with_for_update()
        )
        return _suspicion(row) if row is not None else None

    async def add_suspicion(self, suspicion: Suspicion) -> Suspicion:
        """The new open suspicion; or, when another transaction has just opened one of the
        same kind on the same street (two neighbours' reports crossing the threshold at
        once), that one: the report still goes through, and its signals join that card."""
        suspicion_id = await self._session.scalar(
            insert_for(self._session, SuspicionRow)
            .values(_suspicion_values(suspicion))
            .on_conflict_do_nothing(
                index_elements=["kind", "street_id"], index_where=text("status = 'open'")
            )
            .returning(SuspicionRow.id)
        )
        if suspicion_id is not None:
            return replace(suspicion, id=suspicion_id)
        opened = await self.open_suspicion(suspicion.kind, suspicion.street_id)
        assert opened is not None, "a conflict on the open suspicion, and none is open"
        return opened

    async def get_suspicion(
        self, suspicion_id: int, *, for_update: bool = False
    ) -> Suspicion | None:
        query = select(SuspicionRow).where(SuspicionRow.id == suspicion_id)
        row = await self._session.scalar(query.with_for_update() if for_update else query)
        return _suspicion(row) if row is not None else None

    async def save_suspicion(self, suspicion: Suspicion) -> None:
        await self._session.execute(
            update(SuspicionRow)
            .where(SuspicionRow.id == suspicion.id)
            .values(_suspicion_values(suspicion))
        )

    async def answer(self, outage_id: int, user_id: int) -> BackAnswer | None:
        row = await self._session.scalar(
            select(BackAnswerRow).where(
                BackAnswerRow.outage_id == outage_id, BackAnswerRow.user_id == user_id
            )
        )
        if row is None:
            return None
        return BackAnswer(
            row.outage_id, row.user_id, row.street_id, row.house, row.back, row.answered_at
        )

    async def save_answer(self, answer: BackAnswer) -> None:
        values = {
            "outage_id": answer.outage_id,
            "user_id": answer.user_id,
            "street_id": answer.street_id,
            "house": answer.house,
            "back": answer.back,
            "answered_at": answer.answered_at,
        }
        statement = insert_for(self._session, BackAnswerRow).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["outage_id", "user_id"],
                set_={
                    key: statement.excluded[key]
                    for key in ("street_id", "house", "back", "answered_at")
                },
            )
        )

    async def tally(self, outage_id: int, street_id: int, house: str) -> HouseTally:
        row = (
            await self._session.execute(
                select(
                    func.count(case((BackAnswerRow.back.is_(True), 1))),
                    func.count(case((BackAnswerRow.back.is_(False), 1))),
                ).where(
                    BackAnswerRow.outage_id == outage_id,
                    BackAnswerRow.street_id == street_id,
                    BackAnswerRow.house == house,
                )
            )
        ).one()
        return HouseTally(back=row[0], still_off=row[1])


def _signal(row: SignalRow) -> Signal:
    return Signal(
        user_id=row.user_id,
        kind=SuspectKind(row.kind),
        source=SignalSource(row.source),
        street_id=row.street_id,
        house=row.house,
        district=row.district,
        place_text=row.place_text,
        created_at=row.created_at,
        request_id=row.request_id,
        declined_outage_id=row.declined_outage_id,
        suspicion_id=row.suspicion_id,
        id=row.id,
    )


def _suspicion_values(suspicion: Suspicion) -> dict[str, object]:
    return {
        "kind": suspicion.kind.value,
        "street_id": suspicion.street_id,
        "district": suspicion.district,
        "houses": list(suspicion.houses),
        "street_wide": suspicion.street_wide,
        "status": suspicion.status.value,
        "first_at": suspicion.first_at,
        "last_at": suspicion.last_at,
        "outage_id": suspicion.outage_id,
        "reason": suspicion.reason,
        "decided_by": suspicion.decided_by,
        "decided_at": suspicion.decided_at,
    }


def _suspicion(row: SuspicionRow) -> Suspicion:
    return Suspicion(
        kind=SuspectKind(row.kind),
        street_id=row.street_id,
        district=row.district,
        houses=tuple(row.houses or ()),
        street_wide=row.street_wide,
        first_at=row.first_at,
        last_at=row.last_at,
        status=SuspicionStatus(row.status),
        outage_id=row.outage_id,
        reason=row.reason,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        id=row.id,
    )
