"""What a resident sees about their requests: the list, a request's card, withdrawal and
the consent to show its description publicly (this router), and the modules beside it:
follow_up (a comment, a reason to reopen, a rating), resident_answers (stateless text that
answers staff), answer_albums (the rest of an album), notices (a change of a request, told to
its residents)."""

from aiogram import F, Router
from aiogram.filters import Command

from handlers import commands
from handlers.menu import MenuAction, MenuCb
from handlers.my_requests import description_consent, listing, withdrawal
from handlers.my_requests.callbacks import PageCb, RequestAction, RequestCb


def create_router() -> Router:
    router = Router(name="my_requests")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(listing.my_command, Command(commands.MY.name))
    router.callback_query.register(listing.my_button, MenuCb.filter(F.action == MenuAction.MINE))
    router.callback_query.register(listing.page, PageCb.filter())
    router.callback_query.register(
        listing.open_request, RequestCb.filter(F.action == RequestAction.OPEN)
    )
    router.callback_query.register(
        withdrawal.ask_withdraw, RequestCb.filter(F.action == RequestAction.WITHDRAW)
    )
    router.callback_query.register(
        withdrawal.withdraw, RequestCb.filter(F.action == RequestAction.WITHDRAW_CONFIRM)
    )
    router.callback_query.register(
        description_consent.ask_show,
        RequestCb.filter(F.action == RequestAction.SHOW_DESCRIPTION),
    )
    router.callback_query.register(
        description_consent.toggle,
        RequestCb.filter(
            F.action.in_({RequestAction.SHOW_DESCRIPTION_CONFIRM, RequestAction.HIDE_DESCRIPTION})
        ),
    )
    return router
