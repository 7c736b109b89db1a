"""One polite, specific sentence for every reason a booking (or its cancellation) is refused:
what happened, and what the person can do next."""

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.booking.bookings import Booking, BookingPolicy, Refusal
from domain.booking.performers import Performer
from handlers.booking.texts import day_and_time, duration


def refusal_text(
    refusal: Refusal,
    policy: BookingPolicy,
    performer: Performer | None = None,
    booking: Booking | None = None,
) -> str:
    if refusal is Refusal.SUSPENDED and performer and performer.suspended_until:
        return _(
            "Бронирование приостановлено до {until} из-за неявок на выступления. "
            "Брони, которые уже есть, остаются в силе."
        ).format(until=day_and_time(performer.suspended_until))
    if refusal is Refusal.TOO_LATE_TO_CANCEL and booking is not None:
        return too_late_to_cancel(booking, policy)
    return _texts(policy)[refusal]


def too_late_to_cancel(booking: Booking, policy: BookingPolicy) -> str:
    return _(
        "Отменить эту бронь уже нельзя: отмена возможна не позже чем за {time} до начала, "
        "то есть до {deadline}. Бронь остаётся в силе."
    ).format(
        time=duration(policy.cancel_before),
        deadline=day_and_time(booking.starts_at - policy.cancel_before),
    )


def _texts(policy: BookingPolicy) -> dict[Refusal, str]:
    return {
        Refusal.NOT_REGISTERED: _(
            "Бронировать могут исполнители с анкетой. Заполните её в «Арт-проспекте» — "
            "это займёт пару минут."
        ),
        Refusal.NOT_APPROVED: _(
            "Анкета ещё не одобрена: бронировать можно будет сразу после проверки, мы напишем."
        ),
        Refusal.SUSPENDED: _("Бронирование приостановлено из-за неявок на выступления."),
        Refusal.SITE_CLOSED: _(
            "Такого слота больше нет: площадка закрыта или её расписание изменилось. "
            "Выберите время заново."
        ),
        Refusal.IN_THE_PAST: _("Это время уже прошло — выберите слот позже."),
        Refusal.TOO_CLOSE: _(
            "До начала меньше {time} — такой слот уже не забронировать. Выберите слот позже."
        ).format(time=duration(policy.min_lead)),
        Refusal.TOO_FAR: ngettext(
            "Бронь открыта на сегодня и {days} день вперёд — выберите дату ближе.",
            "Бронь открыта на сегодня и {days} дней вперёд — выберите дату ближе.",
            policy.horizon_days,
        ).format(days=policy.horizon_days),
        Refusal.TOO_LOUD: _(
            "Ваш номер громче, чем разрешено на этой площадке. Выберите площадку, где "
            "разрешён ваш уровень звука."
        ),
        Refusal.GROUP_TOO_BIG: _(
            "Ваша группа больше, чем допускает эта площадка. Выберите площадку просторнее."
        ),
        Refusal.EQUIPMENT_NOT_ALLOWED: _(
            "На этой площадке нельзя часть вашего оборудования. Выберите другую площадку."
        ),
        Refusal.SLOT_TAKEN: _("Этот слот только что заняли — вот свободные на этот день."),
        Refusal.OVERLAP: _(
            "В это время у вас уже есть другая бронь, а два выступления сразу не получатся. "
            "Выберите другое время."
        ),
        Refusal.SITE_DAY: _(
            "На этой площадке у вас уже есть бронь в этот день: одна в день, чтобы площадка "
            "доставалась всем. Выберите другой день или другую площадку."
        ),
        Refusal.WEEK_LIMIT: _(
            "Броней на этой неделе у вас уже {count} — это максимум, чтобы площадки "
            "доставались всем. Отмените одну или выберите другую неделю."
        ).format(count=policy.per_week),
        Refusal.TOO_LATE_TO_CANCEL: _(
            "Отменить эту бронь уже нельзя: до начала осталось меньше {time}."
        ).format(time=duration(policy.cancel_before)),
    }


def offer_gone() -> str:
    return _(
        "Это предложение уже не действует: время на ответ вышло или слот заняли. "
        "Если будет новое — мы напишем."
    )


def not_yours() -> str:
    return _("Такой брони у вас нет — возможно, кнопка устарела. Ничего не изменилось.")
