"""Lists shown a page at a time."""


def page_window(total: int, page: int, size: int) -> tuple[int, int]:
    """(page, pages) for `total` items: at least one page, and a page out of range (an old
    button after the list shrank) clamped to the nearest one that exists."""
    pages = max(1, -(-total // size))
    return min(max(page, 0), pages - 1), pages
