"""Requests through the API: filters, keyset pages, one request, status changes."""

from datetime import timedelta

from scheduler.jobs import escalate_unanswered
from tests.api.harness import AUTHOR_ID, ApiWorld, iso


async def test_filters_and_keyset_pages(world: ApiWorld) -> None:
    first = await world.file(category="roads", district="Вахитовский")
    world.later(hours=1)
    second = await world.file(category="lighting", district="Кировский")
    world.later(hours=1)
    third = await world.file(category="roads", district="Кировский")
    await world.take(third)

    page = (await world.get("/api/v1/requests", {"limit": "2"})).json()
    assert [item["number"] for item in page["items"]] == [first.number, second.number]
    rest = (await world.get("/api/v1/requests", {"limit": "2", "after_id": "2"})).json()
    assert [item["id"] for item in rest["items"]] == [third.id]
    assert page["next_after_id"] == second.id
    assert rest["next_after_id"] is None

    async def numbers(**params: str) -> list[str]:
        answer = await world.get("/api/v1/requests", params)
        assert answer.status == 200, answer.body
        return [item["number"] for item in answer.json()["items"]]

    assert await numbers(category="roads") == [first.number, third.number]
    assert await numbers(district="Кировский") == [second.number, third.number]
    assert await numbers(status="in_progress") == [third.number]
    assert await numbers(status="new,in_progress") == [first.number, second.number, third.number]
    after_first = iso(second.created_at)
    assert await numbers(created_from=after_first) == [second.number, third.number]
    assert await numbers(created_to=after_first) == [first.number]
    repeated = await world.get("/api/v1/requests", [("status", "new"), ("status", "resolved")])
    assert [item["id"] for item in repeated.json()["items"]] == [first.id, second.id]


async def test_answers_carry_no_personal_data(world: ApiWorld) -> None:
    request = await world.file()
    await world.take(request)
    body = (await world.get(f"/api/v1/requests/{request.number}")).body.decode()
    assert str(AUTHOR_ID) not in body
    assert "Анна" not in body and "Сотрудник" not in body


async def test_one_request_by_number_or_id_with_history(world: ApiWorld) -> None:
    request = await world.file(description="Не горит фонарь во дворе")
    await world.take(request)
    by_number = (await world.get(f"/api/v1/requests/{request.number}")).json()
    by_id = (await world.get(f"/api/v1/requests/{request.id}")).json()
    assert by_number == by_id
    assert by_number["description"] == "Не горит фонарь во дворе"
    assert by_number["created_at"] == iso(request.created_at)
    assert [e["kind"] for e in by_number["history"]] == ["created", "taken"]


async def test_unknown_requests_are_404(world: ApiWorld) -> None:
    for number in ("KZN-000999", "999", "KZN-abc", "0"):
        answer = await world.get(f"/api/v1/requests/{number}")
        assert answer.status == 404, number
        assert answer.error["code"] == "not_found"
    answer = await world.post("/api/v1/requests/KZN-000999/status", {"status": "in_progress"})
    assert answer.status == 404


async def test_a_status_change_tells_the_resident(world: ApiWorld) -> None:
    request = await world.file()
    body = {"status": "resolved", "comment": "Яму заделали <сегодня>"}
    answer = await world.post(f"/api/v1/requests/{request.number}/status", body)
    assert answer.status == 200, answer.body
    detail = answer.json()
    assert detail["status"] == "resolved"
    assert detail["resolved_at"] == iso(world.clock.now())
    last = detail["history"][-1]
    assert (last["kind"], last["actor"], last["text"]) == ("answer", "system", body["comment"])
    told = [row for row in await world.outbox_rows() if row[1] == AUTHOR_ID]
    assert len(told) == 1
    key, _, kind, payload = told[0]
    assert kind == "request_event"
    assert payload["request_id"] == request.id
    assert world.app.outbox_wake.is_set()


async def test_an_impossible_move_is_409_with_the_reason(world: ApiWorld) -> None:
    request = await world.file()
    path = f"/api/v1/requests/{request.number}/status"
    answer = await world.post(path, {"status": "withdrawn"})  # only the author may
    assert answer.status == 409
    assert answer.error["code"] == "conflict"
    await world.post(path, {"status": "rejected", "comment": "Не в ведении города"})
    answer = await world.post(path, {"status": "in_progress"})
    assert answer.status == 409
    assert "rejected -> in_progress" in answer.error["message"]


async def test_comments_where_needed_and_only_there(world: ApiWorld) -> None:
    request = await world.file()
    path = f"/api/v1/requests/{request.number}/status"
    answer = await world.post(path, {"status": "need_info"})
    assert answer.status == 422
    assert answer.error["details"][0]["field"] == "comment"
    answer = await world.post(path, {"status": "in_progress", "comment": "Взяли"})
    assert answer.status == 422
    assert answer.error["details"][0]["field"] == "comment"
    assert (await world.post(path, {"status": "in_progress"})).status == 200


async def test_a_systems_move_is_the_citys_first_response(world: ApiWorld) -> None:
    """Statistics and the "nobody took it" escalation see it as they see a staff member's."""
    moved = await world.file()
    waiting = await world.file()
    world.later(hours=3)
    answer = await world.post(f"/api/v1/requests/{moved.number}/status", {"status": "in_progress"})
    assert answer.json()["first_response_at"] == iso(world.clock.now())
    world.later(hours=2)
    path = f"/api/v1/requests/{moved.number}/status"
    answer = await world.post(path, {"status": "resolved", "comment": "Заделали"})
    assert answer.json()["first_response_at"] == iso(world.clock.now() - timedelta(hours=2))
    stats = (await world.get("/api/v1/stats")).json()
    assert stats["median_first_response_hours"] == 3.0

    world.later(days=2)
    chat = world.app.settings.staff_chat_id
    assert await escalate_unanswered(world.app.session_factory, world.clock, chat) == 1
    escalated = [row[3] for row in await world.outbox_rows() if row[2] == "staff_escalation"]
    assert escalated == [{"request_id": waiting.id}]
