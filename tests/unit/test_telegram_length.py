"""Texts cut to Telegram's limits as Telegram counts them: UTF-16 code units."""

from handlers.common import fit, telegram_length


def test_an_emoji_counts_twice() -> None:
    assert telegram_length("яма") == 3
    assert telegram_length("📷 яма") == 6


def test_fit_cuts_to_the_limit_with_an_ellipsis() -> None:
    assert fit("яма на дороге", 20) == "яма на дороге"
    assert fit("яма на дороге", 7) == "яма на…"
    cut = fit("🙂" * 10, 7)
    assert cut == "🙂🙂🙂…" and telegram_length(cut) <= 7
