"""Saved addresses, subscriptions and alert preferences of residents."""

from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.alerts.houses import house_number, normalise_house
from domain.alerts.subscriptions import (
    AlertPreferences,
    SavedAddress,
    Scope,
    Subscription,
)
from domain.errors import NotFound
from storage.alert_mappers import (
    address_from_row,
    preferences_from_row,
    subscription_from_row,
)
from storage.dialects import insert_for
from storage.mappers import minutes_of_day
from storage.models import AlertPreferencesRow, AlertSubscriptionRow, SavedAddressRow


class SqlSubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_address(self, address: SavedAddress) -> SavedAddress:
        values = {
            "user_id": address.user_id,
            "label": address.label,
            "text": address.text,
            "street_id": address.street_id,
            "house": address.house,
            "district": address.district,
            "lat": address.lat,
            "lon": address.lon,
            "created_at": address.created_at,
        }
        address_id = await self._session.scalar(
            insert(SavedAddressRow).values(values).returning(SavedAddressRow.id)
        )
        assert address_id is not None
        return replace(address, id=address_id)

    async def addresses(self, user_id: int) -> list[SavedAddress]:
        rows = await self._session.scalars(
            select(SavedAddressRow)
            .where(SavedAddressRow.user_id == user_id)
            .order_by(SavedAddressRow.id)
        )
        return [address_from_row(row) for row in rows]

    async def address(self, user_id: int, address_id: int) -> SavedAddress | None:
        """The person's own address only: someone else's id reads as missing."""
        row = await self._session.get(SavedAddressRow, address_id)
        return address_from_row(row) if row is not None and row.user_id == user_id else None

    async def count_addresses(self, user_id: int) -> int:
        count = await self._session.scalar(
            select(func.count()).where(SavedAddressRow.user_id == user_id)
        )
        return count or 0

    async def remove_address(self, user_id: int, address_id: int) -> None:
        """Its subscriptions go with it."""
        await self._session.execute(
            delete(AlertSubscriptionRow).where(
                AlertSubscriptionRow.address_id == address_id,
                AlertSubscriptionRow.user_id == user_id,
            )
        )
        result = await self._session.execute(
            delete(SavedAddressRow).where(
                SavedAddressRow.id == address_id, SavedAddressRow.user_id == user_id
            )
        )
        if cast(CursorResult[Any], result).rowcount == 0:
            raise NotFound(f"address {address_id} of {user_id}")

    async def subscribe(
        self, subscription: Subscription, address: SavedAddress | None, at: datetime
    ) -> bool:
        """False when the person already follows this topic there."""
        values: dict[str, Any] = {
            "user_id": subscription.user_id,
            "topic": subscription.topic,
            "scope": subscription.scope.value,
            "scope_key": subscription.scope_key,
            "address_id": subscription.address_id,
            "district": subscription.district,
            "created_at": at,
        }
        if subscription.scope is Scope.ADDRESS:
            assert address is not None and address.id == subscription.address_id
            values |= {
                "district": address.district,
                "street_id": address.street_id,
                "house_number": house_number(address.house),
                "house": normalise_house(address.house) if address.house else None,
            }
        inserted = await self._session.scalar(
            insert_for(self._session, AlertSubscriptionRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["user_id", "topic", "scope_key"])
            .returning(AlertSubscriptionRow.id)
        )
        return inserted is not None

    async def subscriptions(self, user_id: int) -> list[Subscription]:
        rows = await self._session.scalars(
            select(AlertSubscriptionRow)
            .where(AlertSubscriptionRow.user_id == user_id)
            .order_by(AlertSubscriptionRow.topic, AlertSubscriptionRow.id)
        )
        return [subscription_from_row(row) for row in rows]

    async def unsubscribe(self, user_id: int, subscription_id: int) -> bool:
        result = await self._session.execute(
            delete(AlertSubscriptionRow).where(
                AlertSubscriptionRow.id == subscription_id,
                AlertSubscriptionRow.user_id == user_id,
            )
        )
        return cast(CursorResult[Any], result).rowcount > 0

    async def unsubscribe_topic(self, user_id: int, topic: str) -> int:
        """Every subscription of the person to the topic, wherever (the alert's button)."""
        result = await self._session.execute(
            delete(AlertSubscriptionRow).where(
                AlertSubscriptionRow.user_id == user_id, AlertSubscriptionRow.topic == topic
            )
        )
        return cast(CursorResult[Any], result).rowcount

    async def preferences(self, user_id: int) -> AlertPreferences:
        return preferences_from_row(await self._session.get(AlertPreferencesRow, user_id))

    async def set_preferences(
        self, user_id: int, preferences: AlertPreferences, at: datetime
    ) -> None:
        quiet = preferences.quiet
        values = {
            "user_id": user_id,
            "quiet_start": minutes_of_day(quiet.start) if quiet else None,
            "quiet_end": minutes_of_day(quiet.end) if quiet else None,
            "events": preferences.events.value,
            "updated_at": at,
        }
        await self._session.execute(
            insert_for(self._session, AlertPreferencesRow)
            .values(values)
            .on_conflict_do_update(index_elements=["user_id"], set_=values)
        )
