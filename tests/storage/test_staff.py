from storage.uow import SqlUnitOfWork
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories, make_user

BOSS, CLERK = 3001, 3002


async def test_staff_table_add_remove_list(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(BOSS))
        assert await uow.staff.add(CLERK, BOSS, NOW)
        assert not await uow.staff.add(CLERK, BOSS, NOW)  # already staff: no error
        await uow.commit()
    async with uow:
        assert await uow.staff.is_member(CLERK)
        assert not await uow.staff.is_member(BOSS)
        assert await uow.staff.members() == [CLERK]
        assert await uow.staff.remove(CLERK)
        assert not await uow.staff.remove(CLERK)
        await uow.commit()
    async with uow:
        assert await uow.staff.members() == []


async def test_templates_add_get_remove(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(BOSS))
        first = await uow.templates.add("Передано в управляющую компанию", BOSS, NOW)
        second = await uow.templates.add("Работы запланированы на весну", BOSS, NOW)
        await uow.commit()
    async with uow:
        assert await uow.templates.all() == [
            (first, "Передано в управляющую компанию"),
            (second, "Работы запланированы на весну"),
        ]
        assert await uow.templates.get(second) == "Работы запланированы на весну"
        assert await uow.templates.remove(first)
        assert not await uow.templates.remove(first)
        assert await uow.templates.get(first) is None


async def test_topics_remembered_per_chat_and_category(uow: SqlUnitOfWork) -> None:
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        topics = uow.topics
        assert await topics.thread_for(-100, ROADS.code) is None
        await topics.remember(-100, ROADS.code, 7)
        await topics.remember(-100, ROADS.code, 8)  # recreated topic: the new one counts
        await topics.remember(-100, LIGHTING.code, 9)
        await uow.commit()
    async with uow:
        topics = uow.topics
        assert await topics.thread_for(-100, ROADS.code) == 8
        assert await topics.thread_for(-100, LIGHTING.code) == 9
        assert await topics.thread_for(-200, ROADS.code) is None
