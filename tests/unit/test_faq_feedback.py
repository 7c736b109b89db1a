from domain.faq.feedback import EntryFeedback, worst_first


def test_worst_share_first_and_the_surer_of_equal_shares_before() -> None:
    ranked = worst_first(
        {
            "praised": (5, 0),
            "unrated": (0, 0),
            "half": (2, 2),
            "one_bad": (0, 1),
            "three_bad": (0, 3),
            "mostly_bad": (1, 3),
        }
    )
    order = ["three_bad", "one_bad", "mostly_bad", "half", "praised"]
    assert [f.entry_id for f in ranked] == order
    assert ranked[2] == EntryFeedback("mostly_bad", 1, 3)
    assert (ranked[2].votes, ranked[2].unhelpful_share) == (4, 0.75)


def test_nothing_rated_is_an_empty_list() -> None:
    assert worst_first({}) == []
    assert worst_first({"unrated": (0, 0)}) == []
