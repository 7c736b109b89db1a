"""The city FAQ: free text answered as a question, the information menu, inline mode."""

from aiogram import Router


def create_router() -> Router:
    return Router(name="faq")
