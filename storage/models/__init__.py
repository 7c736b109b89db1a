"""ORM models. They stay inside storage/: repositories map them to domain dataclasses."""

from storage.models.alerts import (
    AlertPreferencesRow,
    AlertSubscriptionRow,
    CityEventRow,
    FanoutRow,
    OutageRow,
    SavedAddressRow,
)
from storage.models.base import NAMING_CONVENTION, Base
from storage.models.booking import (
    BookingClaimRow,
    BookingRow,
    PerformerRow,
    SiteRow,
    WaitlistRow,
)
from storage.models.faq import FaqEntryRow, FaqFeedbackRow, RevisionRow
from storage.models.operations import (
    FsmStateRow,
    OutboxRow,
    OutboxWorkerRow,
    ProcessedUpdateRow,
)
from storage.models.reference import (
    CategoryRow,
    DistrictRow,
    ReferenceLoadRow,
    StreetDistrictRow,
    StreetPointRow,
    StreetRow,
)
from storage.models.requests import (
    RequestEventRow,
    RequestFollowerRow,
    RequestPhotoRow,
    RequestRow,
    UserRow,
)
from storage.models.scheduling import ScheduledRunRow
from storage.models.staff import (
    ChatSettingsRow,
    ResponseTemplateRow,
    StaffMemberRow,
    StaffTopicRow,
)

metadata = Base.metadata

__all__ = [
    "AlertPreferencesRow",
    "AlertSubscriptionRow",
    "CityEventRow",
    "FanoutRow",
    "OutageRow",
    "SavedAddressRow",
    "SiteRow",
    "NAMING_CONVENTION",
    "Base",
    "BookingClaimRow",
    "BookingRow",
    "CategoryRow",
    "ChatSettingsRow",
    "FaqEntryRow",
    "FaqFeedbackRow",
    "RevisionRow",
    "DistrictRow",
    "FsmStateRow",
    "OutboxRow",
    "OutboxWorkerRow",
    "PerformerRow",
    "ProcessedUpdateRow",
    "ReferenceLoadRow",
    "RequestEventRow",
    "RequestFollowerRow",
    "RequestPhotoRow",
    "RequestRow",
    "ResponseTemplateRow",
    "ScheduledRunRow",
    "StaffMemberRow",
    "StaffTopicRow",
    "StreetDistrictRow",
    "StreetPointRow",
    "StreetRow",
    "UserRow",
    "WaitlistRow",
    "metadata",
]
