"""My profile: name, phone (with consent), my data as a file, deleting my account."""

from aiogram import Router


def create_router() -> Router:
    return Router(name="account")
