"""What the booking screens wait for as the next message: a shared location."""

from aiogram.fsm.state import State, StatesGroup


class NearMe(StatesGroup):
    location = State()  # the performer's location, to list the sites nearest first


class CheckInForm(StatesGroup):
    location = State()  # the performer's (live) location at the site; data: booking_id


class TodayForm(StatesGroup):
    location = State()  # waiting for the location to look around
