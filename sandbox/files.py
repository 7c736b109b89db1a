"""Files the bot uploaded or people sent: ids, paths, bytes and image sizes."""

from __future__ import annotations

import secrets
import struct
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request

MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files, as Telegram does
THUMB_SIDE = 90


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: str
    created_at: int
    file_name: str | None = None
    mime_type: str | None = None
    source_url: str | None = None  # a URL the bot passed; never fetched

    def as_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


def tiny_jpeg(width: int = 8, height: int = 8) -> bytes:
    """A valid baseline greyscale JPEG of any size, every pixel mid-grey.

    One Huffman code of length 1 per table ("DC difference 0", "end of block")
    makes each 8x8 block two zero bits, so no encoder is needed.
    """
    blocks = -(-width // 8) * -(-height // 8)
    bits = "00" * blocks
    bits += "1" * (-len(bits) % 8)
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""
    one_code = bytes([1] + [0] * 15) + b"\x00"
    return b"".join(
        [
            b"\xff\xd8",
            b"\xff\xe0" + struct.pack(">H5sBBBHHBB", 16, b"JFIF", 1, 1, 0, 1, 1, 0, 0),
            b"\xff\xdb" + struct.pack(">HB", 67, 0) + bytes([1] * 64),
            b"\xff\xc0" + struct.pack(">HBHHBBBB", 11, 8, height, width, 1, 1, 0x11, 0),
            b"\xff\xc4" + struct.pack(">HB", 20, 0x00) + one_code,
            b"\xff\xc4" + struct.pack(">HB", 20, 0x10) + one_code,
            b"\xff\xda" + struct.pack(">HBBBBBB", 8, 1, 1, 0x00, 0, 63, 0),
            scan,
            b"\xff\xd9",
        ]
    )


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG or PNG, None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if not data.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


class FileStore:
    """Files by id and by path; bounded so a long demo cannot eat the memory (the few files
    kept under a fixed id are never dropped)."""

    def __init__(self, max_files: int = 5000) -> None:
        self._by_id: OrderedDict[str, StoredFile] = OrderedDict()
        self._kept: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._max_files = max_files
        self._counter = 0
        self._photo_sets: dict[str, list[dict[str, Any]]] = {}

    def add(
        self,
        data: bytes,
        *,
        kind: str,
        file_name: str | None = None,
        mime_type: str | None = None,
        source_url: str | None = None,
        kept_id: str | None = None,
    ) -> StoredFile:
        self._counter += 1
        extension = (file_name or "").rpartition(".")[2] if file_name and "." in file_name else ""
        extension = extension or {"photos": "jpg", "voice": "oga", "stickers": "webp"}.get(
            kind, "bin"
        )
        number = f"{self._counter:06d}"
        stored = StoredFile(
            file_id=kept_id
            or f"{kind[:2].upper()}ACAgIAAxkBAA{number}{secrets.token_urlsafe(18)}",
            file_unique_id=f"AQAD{self._counter:04d}{secrets.token_urlsafe(6)}",
            file_path=f"{kind}/file_{self._counter}.{extension}",
            data=data,
            kind=kind,
            created_at=int(time.time()),
            file_name=file_name,
            mime_type=mime_type,
            source_url=source_url,
        )
        self._by_path[stored.file_path] = stored
        if kept_id is not None:
            self._kept[kept_id] = stored
            return stored
        self._by_id[stored.file_id] = stored
        while len(self._by_id) > self._max_files:
            _, dropped = self._by_id.popitem(last=False)
            self._by_path.pop(dropped.file_path, None)
            self._photo_sets.pop(dropped.file_id, None)
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id) or self._kept.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)

    def photo(
        self, data: bytes, *, source_url: str | None = None, kept_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Store a photo and return its PhotoSize list, smallest first, like Telegram.

        `kept_id`: the largest size's file id, fixed and never dropped. Data that outlives
        the in-memory world (the sandbox's demo, in its database) names a file this way, and
        the file is stored again under the same id whenever the world is built anew."""
        size = image_size(data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width <= 0 or height <= 0 or width + height > 10000 or max(size) > 20 * min(size):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        sizes = []
        if max(width, height) > THUMB_SIDE:
            scale = THUMB_SIDE / max(width, height)
            thumb_w, thumb_h = max(1, round(width * scale)), max(1, round(height * scale))
            thumb = self.add(
                tiny_jpeg(thumb_w, thumb_h),
                kind="photos",
                source_url=source_url,
                kept_id=kept_id and f"{kept_id}-thumb",  # kept with it: its set stays whole
            )
            sizes.append(_photo_size(thumb, thumb_w, thumb_h))
        full = self.add(data, kind="photos", source_url=source_url, kept_id=kept_id)
        sizes.append(_photo_size(full, width, height))
        for photo_size in sizes:
            self._photo_sets[photo_size["file_id"]] = sizes
        return sizes

    def photo_set(self, file_id: str) -> list[dict[str, Any]] | None:
        """All sizes of the photo one of whose sizes has ``file_id``."""
        return self._photo_sets.get(file_id)


def _photo_size(stored: StoredFile, width: int, height: int) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "width": width,
        "height": height,
    }
