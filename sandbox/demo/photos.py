"""The demo's photos: what Алсу sent with her pothole, and staff made public.

The demo's requests live in the sandbox's database, which outlives the in-memory world; a
photo's file id there must name a file the stand-in holds after every restart. So the file
id is fixed, and the bytes are stored under it each time the world is built (like the cast's
fixed user ids). The picture is drawn, not taken: no one's real street or face in a demo.
"""

from importlib import resources

from sandbox.files import FileStore

# Shaped like a Telegram photo id; the bot keeps it and never shows it to anyone.
POTHOLE_PHOTO = "AgACAgIAAxkBAAIDemoPotholePushkina10"


def keep_demo_photos(files: FileStore) -> None:
    """Store the demo's photos under their fixed ids (the stand-in's world is new)."""
    data = resources.files(__package__).joinpath("pothole.jpg").read_bytes()
    files.photo(data, kept_id=POTHOLE_PHOTO)
