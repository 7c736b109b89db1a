"""Texts of the staff card's photo buttons: which photos the public pages show (issue 17)."""

from aiogram.utils.i18n import gettext as _

from domain.services.photo_publishing import PhotoMark


def card_line(public: int, total: int) -> str:
    """Under the card's «Фото: N»: how many of them anyone may see."""
    return _("🌐 Фото на публичной странице: {public} из {total}").format(
        public=public, total=total
    )


def show_button(number: int) -> str:
    return _("🌐 Показать фото {number}").format(number=number)


def hide_button(number: int) -> str:
    return _("🙈 Скрыть фото {number}").format(number=number)


def marked(request_number: str, mark: PhotoMark) -> str:
    """The press's answer (at most 200 characters: a callback answer)."""
    if mark.public:
        head = _("Фото {photo} заявки {number} видно на публичной странице.")
    else:
        head = _("Фото {photo} заявки {number} больше не показывается публично.")
    if not mark.changed:
        head = (
            _("Фото {photo} заявки {number} уже видно на публичной странице.")
            if mark.public
            else _("Фото {photo} заявки {number} и так не показывается публично.")
        )
    tail = _("Публичных фото: {public} из {total}.").format(
        public=mark.public_count, total=mark.total
    )
    return head.format(photo=mark.number, number=request_number) + " " + tail


def no_such_photo(request_number: str, photo: int) -> str:
    return _("У заявки {number} нет фото {photo}: возможно, автор его отозвал.").format(
        number=request_number, photo=photo
    )
