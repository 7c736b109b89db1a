"""My profile: name, phone (with consent), my data as a file, deleting my account."""

from aiogram import F, Router

from handlers.account import erase, export, phone, profile


def create_router() -> Router:
    router = Router(name="account")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    profile.register(router)
    phone.register(router)
    export.register(router)
    erase.register(router)
    return router
