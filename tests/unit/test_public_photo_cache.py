"""The public photos' cache stays within its bytes, dropping the least recently served, and
only images are ever served (by their first bytes, whatever Telegram says)."""

from bot.public.photos import Photo, PhotoCache, photo_of
from sandbox.files import tiny_jpeg


def photo(size: int) -> Photo:
    return Photo(b"x" * size, "image/jpeg", f'"{size}"')


def test_the_cache_keeps_within_its_bytes_dropping_the_least_recently_served() -> None:
    cache = PhotoCache(max_bytes=300)
    cache.put("a", photo(100))
    cache.put("b", photo(100))
    cache.put("c", photo(100))
    assert cache.get("a") is not None  # served: now the most recent
    cache.put("d", photo(100))
    assert cache.get("b") is None and cache.get("a") is not None
    assert cache.size == 300 and len(cache) == 3
    cache.put("huge", photo(301))  # larger than the whole cache: not kept, nothing dropped
    assert cache.get("huge") is None and len(cache) == 3
    empty = PhotoCache(max_bytes=0)  # PUBLIC_PHOTO_CACHE_MB=0: nothing kept
    empty.put("a", photo(1))
    assert empty.get("a") is None


def test_only_images_are_served() -> None:
    jpeg = photo_of(tiny_jpeg(16, 16))
    assert jpeg is not None and jpeg.content_type == "image/jpeg"
    assert jpeg.etag.startswith('"') and jpeg.etag == photo_of(tiny_jpeg(16, 16)).etag  # type: ignore[union-attr]
    assert photo_of(b"<html><script>alert(1)</script>") is None
    assert photo_of(b"") is None
