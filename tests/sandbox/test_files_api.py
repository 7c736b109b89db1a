"""Multipart uploads, media groups, getFile and downloads."""

from __future__ import annotations

import io

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto, MediaUnion

from sandbox import Person
from sandbox.files import FileStore, image_size, tiny_jpeg
from sandbox.server import BotApiStandIn


def test_tiny_jpeg_is_a_jpeg_of_the_asked_size() -> None:
    data = tiny_jpeg(640, 480)
    assert data.startswith(b"\xff\xd8\xff\xe0") and data.endswith(b"\xff\xd9")
    assert image_size(data) == (640, 480)
    assert image_size(b"not an image") is None


async def test_send_photo_upload_then_reuse_file_id(bot: Bot, anna: Person) -> None:
    sent = await bot.send_photo(
        anna.id, BufferedInputFile(tiny_jpeg(800, 600), "pothole.jpg"), caption="<b>Яма</b>"
    )
    assert sent.photo is not None
    assert [(p.width, p.height) for p in sent.photo] == [(90, 68), (800, 600)]
    assert sent.caption == "Яма" and sent.caption_entities is not None

    again = await bot.send_photo(anna.id, sent.photo[-1].file_id)
    assert again.photo is not None and again.photo[-1].file_id == sent.photo[-1].file_id
    largest = anna.last_reply().photo
    assert largest is not None and largest["width"] == 800

    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(anna.id, "no-such-file-id")
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(anna.id, BufferedInputFile(b"plain text", "x.jpg"))


async def test_media_group_photos_and_documents(bot: Bot, anna: Person) -> None:
    photos: list[MediaUnion] = [
        InputMediaPhoto(media=BufferedInputFile(tiny_jpeg(), f"{n}.jpg"), caption=f"<i>{n}</i>")
        for n in range(3)
    ]
    album = await bot.send_media_group(anna.id, photos)
    assert len(album) == 3
    assert len({m.media_group_id for m in album}) == 1
    assert [m.caption for m in album] == ["0", "1", "2"]
    assert len(anna.last_reply().media_group) == 3

    documents: list[MediaUnion] = [
        InputMediaDocument(media=BufferedInputFile(b"%PDF", f"act{n}.pdf")) for n in range(2)
    ]
    files = await bot.send_media_group(anna.id, documents)
    assert [m.document.file_name for m in files if m.document] == ["act0.pdf", "act1.pdf"]

    with pytest.raises(TelegramBadRequest, match="2-10 items"):
        await bot.send_media_group(anna.id, photos[:1])


async def test_document_get_file_and_download(bot: Bot, anna: Person) -> None:
    sent = await bot.send_document(
        anna.id, BufferedInputFile(b"report body", "report.txt"), caption="Отчёт"
    )
    assert sent.document is not None and sent.document.file_name == "report.txt"

    file = await bot.get_file(sent.document.file_id)
    assert file.file_size == len(b"report body") and file.file_path
    buffer = io.BytesIO()
    await bot.download_file(file.file_path, buffer)
    assert buffer.getvalue() == b"report body"

    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")


async def test_a_kept_photo_keeps_its_id_is_never_dropped_and_downloads(
    stand_in: BotApiStandIn, bot: Bot, anna: Person
) -> None:
    """Data that outlives the world (the sandbox's demo) names a file by a fixed id."""
    files = stand_in.world.files = FileStore(max_files=2)  # a long demo's files, in a few
    image = tiny_jpeg(640, 480)
    sizes = files.photo(image, kept_id="AgACdemoPhoto")
    for _ in range(5):
        files.add(b"%PDF", kind="documents")

    assert [size["file_id"] for size in sizes] == ["AgACdemoPhoto-thumb", "AgACdemoPhoto"]
    assert files.photo_set("AgACdemoPhoto") == sizes
    downloaded = await bot.download("AgACdemoPhoto")
    assert downloaded is not None and downloaded.read() == image
    resent = await bot.send_photo(anna.id, "AgACdemoPhoto")  # staff showing it again
    assert resent.photo is not None and resent.photo[-1].file_id == "AgACdemoPhoto"
    assert await bot.get_file(sizes[0]["file_id"])  # the thumbnail is kept with it


async def test_bot_downloads_a_photo_a_person_sent(bot: Bot, anna: Person) -> None:
    image = tiny_jpeg(1024, 768)
    await anna.send_photo(image=image, caption="Вот", wait=False)

    updates = await bot.get_updates(timeout=0)
    message = updates[0].message
    assert message is not None and message.photo is not None
    assert (message.photo[-1].width, message.photo[-1].height) == (1024, 768)
    downloaded = await bot.download(message.photo[-1].file_id)
    assert downloaded is not None and downloaded.read() == image
