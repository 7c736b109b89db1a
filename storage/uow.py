"""The unit of work: one session per update or job, committed once, explicitly."""

from collections.abc import Awaitable, Callable
from typing import Self

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from domain.clock import Clock
from storage.repositories import (
    SqlCategoryRepository,
    SqlDistrictRepository,
    SqlOutboxRepository,
    SqlRequestRepository,
    SqlStreetRepository,
    SqlUserRepository,
)
from storage.repositories.account import SqlAccountRepository
from storage.repositories.admin_queries import SqlAdminQueries
from storage.repositories.alerts import SqlEventRepository, SqlOutageRepository
from storage.repositories.booking import (
    SqlBookingRepository,
    SqlPerformerRepository,
    SqlSiteRepository,
)
from storage.repositories.chat_settings import SqlChatSettingsRepository
from storage.repositories.crowd import SqlCrowdRepository
from storage.repositories.deadline_marks import SqlDeadlineMarkRepository
from storage.repositories.departments import SqlDepartmentRepository
from storage.repositories.fanout import SqlFanoutRepository
from storage.repositories.faq import SqlFaqRepository
from storage.repositories.staff import (
    SqlStaffRepository,
    SqlTemplateRepository,
    SqlTopicRepository,
)
from storage.repositories.staff_cards import SqlStaffCardRepository
from storage.repositories.subscriptions import SqlSubscriptionRepository
from storage.repositories.updates import SqlProcessedUpdateRepository

_WROTE = "mykazan.wrote"  # Session.info key: this session has written something


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context: object) -> None:
    session.info[_WROTE] = True


class SqlUnitOfWork:
    """`async with SqlUnitOfWork(factory, clock) as uow: ...; await uow.commit()`.

    Leaving the block without `commit()` discards the work (the session is closed, which
    rolls back); leaving it with an exception rolls back explicitly first.
    """

    users: SqlUserRepository
    requests: SqlRequestRepository
    categories: SqlCategoryRepository
    districts: SqlDistrictRepository
    cards: SqlStaffCardRepository
    topics: SqlTopicRepository  # the forum topics of a forum staff chat
    staff: SqlStaffRepository
    templates: SqlTemplateRepository
    streets: SqlStreetRepository
    outbox: SqlOutboxRepository
    updates: SqlProcessedUpdateRepository
    outages: SqlOutageRepository
    events: SqlEventRepository
    subscriptions: SqlSubscriptionRepository
    fanouts: SqlFanoutRepository
    sites: SqlSiteRepository
    performers: SqlPerformerRepository
    bookings: SqlBookingRepository
    admin: SqlAdminQueries  # read-side queries of the admin API
    faq: SqlFaqRepository
    chat_settings: SqlChatSettingsRepository
    account: SqlAccountRepository  # the resident's export and erasure
    crowd: SqlCrowdRepository  # suspected outages, "is it back?" answers
    departments: SqlDepartmentRepository  # who answers for which requests, and where
    deadline_marks: SqlDeadlineMarkRepository  # the band each staff card was drawn in

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        staff_chat_id: int | None = None,
    ) -> None:
        # The clock is given, not defaulted: what the repositories stamp ("registered at",
        # "claimed at") follows the same time as the use cases, a test's fixed clock included.
        self._factory = session_factory
        self._clock = clock
        self._staff_chat_id = staff_chat_id
        self._session: AsyncSession | None = None
        self._before_commit: list[Callable[[AsyncSession], Awaitable[None]]] = []

    @property
    def staff_chat_id(self) -> int | None:
        """The chat staff work in, where staff cards go; None when none is configured."""
        return self._staff_chat_id

    @property
    def session(self) -> AsyncSession:
        """The open session, for storage-side helpers (reference loaders); not for handlers."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use `async with`")
        return self._session

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("the unit of work is already open")
        session = self._factory()
        self._session = session
        self.users = SqlUserRepository(session, self._clock)
        self.requests = SqlRequestRepository(session)
        self.categories = SqlCategoryRepository(session)
        self.districts = SqlDistrictRepository(session)
        self.cards = SqlStaffCardRepository(session)
        self.topics = SqlTopicRepository(session)
        self.staff = SqlStaffRepository(session)
        self.templates = SqlTemplateRepository(session)
        self.streets = SqlStreetRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.updates = SqlProcessedUpdateRepository(session)
        self.outages = SqlOutageRepository(session)
        self.events = SqlEventRepository(session)
        self.subscriptions = SqlSubscriptionRepository(session)
        self.fanouts = SqlFanoutRepository(session)
        self.sites = SqlSiteRepository(session)
        self.performers = SqlPerformerRepository(session)
        self.bookings = SqlBookingRepository(session)
        self.admin = SqlAdminQueries(session)
        self.faq = SqlFaqRepository(session)
        self.chat_settings = SqlChatSettingsRepository(session)
        self.account = SqlAccountRepository(session)
        self.crowd = SqlCrowdRepository(session)
        self.departments = SqlDepartmentRepository(session)
        self.deadline_marks = SqlDeadlineMarkRepository(session)
        return self

    async def __aexit__(self, *exc: object) -> None:
        session, self._session = self.session, None
        self._before_commit = []
        try:
            if exc and exc[0] is not None:
                await session.rollback()
        finally:
            await session.close()

    @property
    def wrote(self) -> bool:
        """Whether anything was written (or is pending for the ORM's flush) since opening:
        an update that wrote nothing has nothing to commit."""
        session = self.session
        pending = session.new or session.dirty or session.deleted
        return bool(pending) or bool(session.info.get(_WROTE))

    def before_commit(self, hook: Callable[[AsyncSession], Awaitable[None]]) -> None:
        """Run `hook` inside every commit, before it (buffered writes, the update claim)."""
        self._before_commit.append(hook)

    async def commit(self) -> None:
        for hook in self._before_commit:
            await hook(self.session)
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
