"""Departments and routing: list, add and remove them, set a department's chat, topic, head
and names, and which department answers for a category (in a district, or anywhere).

Departments are seeded once from data/departments.csv (only what is missing is added) and
edited here from then on; the next `mykazan migrate` keeps these edits.
"""

from dataclasses import replace

from sqlalchemy.exc import IntegrityError

from bot.api.department_models import (
    DepartmentDeleteQuery,
    DepartmentList,
    DepartmentOut,
    DepartmentPatch,
    DepartmentPath,
    DepartmentPost,
    RouteList,
    RouteOut,
    RoutePut,
    RouteQuery,
)
from bot.api.errors import ApiError, ErrorCode, ErrorDetail, conflict, invalid, not_found
from bot.api.routing import NO_CONTENT, ApiCall, Reply, RouteTable
from domain.departments import ANY_DISTRICT, Department
from domain.errors import NotFound
from domain.services.department_removal import (
    DepartmentExists,
    DepartmentInUse,
    NoSuchSuccessor,
    add_department,
    remove_department,
)
from storage.uow import SqlUnitOfWork

routes = RouteTable("departments")


@routes.get("/departments", responses={200: DepartmentList})
async def list_departments(call: ApiCall) -> DepartmentList:
    """List the departments with their chats, topics and heads"""
    async with call.context.uow() as uow:
        departments = await uow.departments.all()
    return DepartmentList(items=[DepartmentOut.of(d) for d in departments])


@routes.get(
    "/departments/{code}", responses={200: DepartmentOut}, errors=(404,), path_model=DepartmentPath
)
async def get_department(call: ApiCall, path: DepartmentPath) -> DepartmentOut:
    """Read one department"""
    async with call.context.uow() as uow:
        department = await _department(uow, path.code)
    return DepartmentOut.of(department)


@routes.post(
    "/departments",
    body=DepartmentPost,
    responses={201: DepartmentOut},
    errors=(409,),
    links={
        name: {"code": "$response.body#/code"}
        for name in ("get_department", "patch_department", "delete_department")
    },
)
async def post_department(call: ApiCall, body: DepartmentPost) -> Reply:
    """Add a department; 409 when the code is taken

    It comes after the departments there are. Requests reach it once a route names it
    (PUT /department-routes). A code removed before may be used again.
    """
    async with call.context.uow() as uow:
        try:
            added = await add_department(uow, body.department())
            await uow.commit()
        except (DepartmentExists, IntegrityError):  # or added by someone else meanwhile
            raise conflict(f"department {body.code!r} already exists") from None
    return Reply(DepartmentOut.of(added), 201)


@routes.delete(
    "/departments/{code}",
    query=DepartmentDeleteQuery,
    responses={204: NO_CONTENT},
    errors=(404, 409),
    path_model=DepartmentPath,
)
async def delete_department(
    call: ApiCall, path: DepartmentPath, query: DepartmentDeleteQuery
) -> None:
    """Remove a department

    Refused with 409 (`conflict`, the counts in the message) while requests (open or closed)
    or routes still point to it, unless `move_to` names the department that takes them
    over: then its requests and routes move there first, each open request's card follows
    it to that department's chat and its history records the move. An unknown `move_to`,
    or the department itself, is refused with 422. The reference loader does not add a
    removed department back; POST may add its code again.
    """
    async with call.context.uow() as uow:
        try:
            await remove_department(uow, call.context.clock, path.code, query.move_to)
        except NotFound:
            raise not_found(f"department {path.code!r}") from None
        except NoSuchSuccessor:
            problem = "unknown department" if query.move_to != path.code else _ITSELF
            raise invalid("move_to", problem) from None
        except DepartmentInUse as error:
            raise _in_use(path.code, error) from None
        await uow.commit()
    call.context.outbox_wake.set()  # the moved cards


@routes.patch(
    "/departments/{code}",
    body=DepartmentPatch,
    responses={200: DepartmentOut},
    errors=(404,),
    path_model=DepartmentPath,
)
async def patch_department(
    call: ApiCall, path: DepartmentPath, body: DepartmentPatch
) -> DepartmentOut:
    """Change a department's names, its own chat and forum topic, or its head

    Only the fields given change. `chat_id` (a Telegram group the bot is in; null: the main
    staff chat) and `thread_id` (a forum topic of that chat) say where its requests' cards go
    from their next change on; `head_user_id` is the staff member who may reassign them.
    """
    changes = body.model_dump(exclude_unset=True)
    async with call.context.uow() as uow:
        department = replace(await _department(uow, path.code), **changes)
        await uow.departments.save(department)
        await uow.commit()
    return DepartmentOut.of(department)


@routes.get("/department-routes", responses={200: RouteList})
async def list_department_routes(call: ApiCall) -> RouteList:
    """List the routes: which department answers for a category, in a district or anywhere

    A request goes to its category's route in its district, else to the category's route
    with no district, else to the main staff chat with no department.
    """
    async with call.context.uow() as uow:
        found = await uow.departments.routes()
    return RouteList(items=[RouteOut.of(route) for route in found])


@routes.put("/department-routes", body=RoutePut, responses={200: RouteOut})
async def put_department_route(call: ApiCall, body: RoutePut) -> RouteOut:
    """Send a category's requests (in one district, or anywhere) to a department

    Applies to requests filed from now on; a filed request is moved by its department's head.
    """
    route = body.route()
    async with call.context.uow() as uow:
        if await uow.categories.get(route.category) is None:
            raise invalid("category", "unknown category")
        known = call.context.districts.names()
        if route.district != ANY_DISTRICT and route.district not in known:
            raise invalid("district", f"unknown district; use {', '.join(sorted(known))}")
        if await uow.departments.get(route.department) is None:
            raise invalid("department", "unknown department")
        await uow.departments.set_route(route)
        await uow.commit()
    return RouteOut.of(route)


@routes.delete("/department-routes", query=RouteQuery, responses={204: NO_CONTENT}, errors=(404,))
async def delete_department_route(call: ApiCall, query: RouteQuery) -> None:
    """Remove a route (its requests then take the category's route with no district)"""
    async with call.context.uow() as uow:
        removed = await uow.departments.remove_route(query.category, query.district or "")
        await uow.commit()
    if not removed:
        raise not_found("route")


_ITSELF = "must name another department than the one removed"


def _in_use(code: str, error: DepartmentInUse) -> ApiError:
    message = (
        f"department {code!r} is still in use (requests: {error.requests}, routes: "
        f"{error.routes}); name the department that takes them over in move_to"
    )
    detail = ErrorDetail(field="move_to", problem="required while requests or routes remain")
    return ApiError(ErrorCode.CONFLICT, message, [detail])


async def _department(uow: SqlUnitOfWork, code: str) -> Department:
    department = await uow.departments.get(code)
    if department is None:
        raise not_found(f"department {code!r}")
    return department
