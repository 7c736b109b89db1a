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
from storage.models.crowd import BackAnswerRow, SignalRow, SuspicionRow
from storage.models.departments import (
    DepartmentRouteRow,
    DepartmentRow,
    RemovedDepartmentRow,
)
from storage.models.faq import FaqEntryRow, FaqFeedbackRow, RevisionRow
from storage.models.figures import FigureDayCountRow, FigureResponseRow
from storage.models.operations import (
    FsmStateRow,
    OutboxRow,
    OutboxWorkerRow,
    ProcessedUpdateRow,
)
from storage.models.public import PublicCountRow, ResponseTimeRow
from storage.models.reference import (
    CategoryRow,
    DistrictRow,
    ReferenceLoadRow,
    ReferenceVersionRow,
    StreetDistrictRow,
    StreetPointRow,
    StreetRow,
)
from storage.models.requests import (
    RequestDeadlineMarkRow,
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
    "FigureDayCountRow",
    "FigureResponseRow",
    "BackAnswerRow",
    "SignalRow",
    "SuspicionRow",
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
    "DepartmentRouteRow",
    "DepartmentRow",
    "RemovedDepartmentRow",
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
    "ReferenceVersionRow",
    "RequestDeadlineMarkRow",
    "RequestEventRow",
    "RequestFollowerRow",
    "RequestPhotoRow",
    "PublicCountRow",
    "RequestRow",
    "ResponseTimeRow",
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
