from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW, make_user

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
