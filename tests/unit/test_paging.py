from domain.paging import page_window


def test_pages_count_up_and_never_fall_to_zero() -> None:
    assert page_window(0, 0, 5) == (0, 1)  # an empty list is still one (empty) page
    assert page_window(5, 0, 5) == (0, 1)
    assert page_window(6, 1, 5) == (1, 2)


def test_an_old_page_number_is_clamped_to_one_that_exists() -> None:
    assert page_window(6, 7, 5) == (1, 2)  # the list shrank since the button was drawn
    assert page_window(6, -1, 5) == (0, 2)
