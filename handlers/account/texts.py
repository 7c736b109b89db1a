"""Texts of the profile: the screen, the personal-data text, the phone, the erasure."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.account import CONSENT_VERSION, Erasure, has_current_consent
from domain.services.account import Profile
from domain.users import User
from handlers.alerts.home_texts import quiet_line
from handlers.alerts.texts import delivery_name
from handlers.common import day
from handlers.menu import LANGUAGE_NAMES


def profile_screen(profile: Profile) -> str:
    user = profile.user
    name = escape(user.first_name)
    if user.username:
        name += f" (@{escape(user.username)})"
    lines = [
        _("<b>👤 Профиль</b>"),
        _("Имя: {name}").format(name=name),
        _("Телефон: {phone}").format(phone=escape(user.phone) if user.phone else _("не указан")),
        _addresses_line(profile),
        _("Язык: {language}").format(language=LANGUAGE_NAMES.get(user.locale, user.locale)),
        quiet_line(profile.preferences),
        _("События: {delivery}").format(delivery=delivery_name(profile.preferences.events)),
        consent_line(user),
    ]
    return "\n".join(lines)


def _addresses_line(profile: Profile) -> str:
    count = len(profile.addresses)
    if not count:
        return _("Адреса: нет сохранённых")
    labels = ", ".join(escape(a.label) for a in profile.addresses)
    return _("Адреса ({count}): {labels}").format(count=count, labels=labels)


def consent_line(user: User) -> str:
    if user.consent_version is None or user.consent_at is None:
        return _("Согласие на обработку данных: не дано")
    return _("Согласие на обработку данных: дано {date} (версия {version})").format(
        date=day(user.consent_at), version=escape(user.consent_version)
    )


def consent_text(user: User) -> str:
    """The personal-data text: what, why, how long, the person's rights, who keeps it."""
    text = _(
        "<b>Обработка персональных данных</b> (версия {version})\n\n"
        "<b>Кто хранит.</b> Городская служба «Мой Казань».\n"
        "<b>Что хранится.</b> Ваше имя и Telegram ID, телефон — если поделитесь, "
        "сохранённые адреса, заявки с фото и местом, брони площадок Арт-проспекта.\n"
        "<b>Зачем.</b> Чтобы принимать и решать ваши заявки, сообщать о них и об отключениях "
        "по вашим адресам, а по телефону — связаться с вами по заявке.\n"
        "<b>Сколько.</b> Пока у вас есть аккаунт. После удаления имя, телефон, адреса и "
        "подписки стираются сразу; заявки остаются у города без вашего имени.\n"
        "<b>Ваши права.</b> Скачать свои данные, удалить аккаунт и отозвать согласие — "
        "в любой момент в /profile."
    ).format(version=CONSENT_VERSION)
    if has_current_consent(user) and user.consent_at is not None:
        text += "\n\n" + consent_line(user)
    return text


def consent_saved() -> str:
    return _("Согласие сохранено.")


def consent_declined() -> str:
    return _("Хорошо, ничего не сохранено.")


def ask_phone() -> str:
    return _(
        "Нажмите «📱 Отправить мой номер» внизу — бот получит номер вашего Telegram-аккаунта. "
        "Передумали — «✖️ Отмена»."
    )


def phone_saved(phone: str) -> str:
    return _("Телефон сохранён: {phone}").format(phone=escape(phone))


def phone_not_saved() -> str:
    return _("Хорошо, телефон не сохранён.")


def phone_forgotten() -> str:
    return _("Телефон удалён.")


def foreign_contact() -> str:
    return _(
        "Это чужой контакт — его номер не сохранён. Поделиться можно только своим номером: "
        "кнопкой «📱 Отправить мой номер» внизу."
    )


def consent_first() -> str:
    return _(
        "Номер не сохранён: сначала нужно ваше согласие на обработку персональных данных. "
        "Прочитайте текст ниже."
    )


def bad_phone() -> str:
    return _("Не удалось разобрать номер. Нажмите «📱 Отправить мой номер» внизу.")


def waiting_for_contact() -> str:
    return _("Жду ваш номер: кнопка «📱 Отправить мой номер» внизу или «✖️ Отмена».")


def export_caption() -> str:
    return _(
        "📥 Ваши данные в «Мой Казань»: профиль, адреса, подписки, заявки с историей, "
        "брони — файл JSON."
    )


def confirm_delete() -> str:
    return _(
        "<b>Удалить аккаунт?</b>\n\n"
        "• Имя, телефон, адреса, подписки и настройки удаляются.\n"
        "• Заявки остаются у города, но без вашего имени; следить за ними вы больше не сможете.\n"
        "• Будущие брони Арт-проспекта отменяются, анкета исполнителя удаляется.\n\n"
        "Это нельзя отменить. Сначала можно скачать свои данные."
    )


def confirm_withdraw() -> str:
    return _(
        "<b>Отозвать согласие?</b>\n\n"
        "Без согласия мы не можем хранить ваши данные, поэтому аккаунт будет удалён: "
        "имя, телефон, адреса, подписки и настройки стираются, будущие брони отменяются, "
        "заявки остаются у города без вашего имени.\n\n"
        "Это нельзя отменить."
    )


def account_deleted(erasure: Erasure, withdrawn: bool) -> str:
    head = _("Согласие отозвано, аккаунт удалён.") if withdrawn else _("Аккаунт удалён.")
    lines = [
        head,
        _("Мы стёрли ваше имя, телефон, адреса, подписки и настройки."),
    ]
    if erasure.requests_kept:
        lines.append(
            _("Заявок осталось у города без вашего имени: {count}.").format(
                count=erasure.requests_kept
            )
        )
    if erasure.bookings_cancelled:
        lines.append(
            _("Отменено будущих броней: {count}.").format(count=erasure.bookings_cancelled)
        )
    lines.append(_("Захотите вернуться — отправьте /start."))
    return "\n".join(lines)


def old_confirmation() -> str:
    return _("Эта кнопка устарела. Откройте профиль заново: /profile")
