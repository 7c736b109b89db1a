"""What the Open311 endpoints use, built once per process from the application."""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.address.matcher import AddressMatcher
from domain.clock import Clock
from domain.geo import DistrictLocator
from domain.public_page import PublicLinks
from storage.uow import SqlUnitOfWork

if TYPE_CHECKING:  # the composition root imports the web app, which imports this
    from bot.app import Application


@dataclass(frozen=True, slots=True)
class Open311Context:
    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock
    staff_chat_id: int | None
    outbox_wake: asyncio.Event  # set after a commit that queued the staff card
    address_matcher: AddressMatcher
    district_locator: DistrictLocator
    api_keys: tuple[bytes, ...]  # OPEN311_API_KEYS: who may file requests
    street_labels: Mapping[int, str]  # "ул. Баумана" by street id: an address without house
    # Where the photos staff made public are reached (PUBLIC_BASE_URL): a request's media_url.
    public_links: PublicLinks = PublicLinks()

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.session_factory, self.clock, self.staff_chat_id)


def open311_context(application: "Application") -> Open311Context:
    workflow = application.dispatcher.workflow_data
    keys = application.settings.open311_api_keys or ()
    matcher: AddressMatcher = workflow["address_matcher"]
    return Open311Context(
        session_factory=application.session_factory,
        clock=application.clock,
        staff_chat_id=application.settings.staff_chat_id,
        outbox_wake=application.outbox_wake,
        address_matcher=matcher,
        district_locator=workflow["district_locator"],
        api_keys=tuple(key.get_secret_value().encode() for key in keys),
        street_labels={s.id: s.label() for s in matcher.streets if s.id is not None},
        public_links=PublicLinks(application.settings.public_base_url),
    )
