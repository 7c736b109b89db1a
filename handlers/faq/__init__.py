"""The city FAQ: free text answered as a question, the information menu, inline mode."""

from aiogram import F, Router

from handlers.faq import answers, info, inline
from handlers.reports.form import form_middleware


def create_router() -> Router:
    router = Router(name="faq")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    # "Report it in this category" opens the report form, which works with one Form.
    router.callback_query.middleware(form_middleware())
    info.register(router)
    answers.register(router)
    inline.register(router)  # inline queries come from any chat: no chat filter applies
    return router
