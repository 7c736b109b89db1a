"""The JSON shapes of departments and their routes in the admin API."""

from typing import Annotated, Any

from pydantic import Field, field_validator

from bot.api.parsing import BodyModel, PathModel, QueryModel, ResponseModel, kept, refuse_null
from domain.departments import ANY_DISTRICT, Department, Route

Code = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]{1,31}$", description='a department\'s key, e.g. "city_desk"'),
]
CategoryCode = Annotated[str, Field(min_length=1, max_length=32, description="a category code")]
District = Annotated[
    str, Field(min_length=1, max_length=64, description="a district, as in Russian")
]
Name = Annotated[str, Field(min_length=1, max_length=160)]
# Telegram ids: a group's (the department's chat) is negative; a topic's and a person's
# positive. Bounded by what the database's BIGINT holds.
ChatId = Annotated[int, Field(ge=-(2**53), le=-1, description="a Telegram group id (negative)")]
ThreadId = Annotated[int, Field(ge=1, le=2**31 - 1, description="a forum topic's thread id")]
UserId = Annotated[int, Field(ge=1, le=2**53, description="a staff member's Telegram user id")]


class DepartmentOut(ResponseModel):
    code: str
    name_ru: str
    name_tt: str
    name_en: str
    chat_id: int | None = Field(description="its own staff chat; null: the main staff chat")
    thread_id: int | None = Field(description="its forum topic; null: the category's topic")
    head_user_id: int | None = Field(description="who may reassign its requests")

    @classmethod
    def of(cls, department: Department) -> "DepartmentOut":
        return cls(
            code=department.code,
            name_ru=department.name_ru,
            name_tt=department.name_tt,
            name_en=department.name_en,
            chat_id=department.chat_id,
            thread_id=department.thread_id,
            head_user_id=department.head_user_id,
        )


class DepartmentList(ResponseModel):
    items: list[DepartmentOut]


class DepartmentPath(PathModel):
    code: Code


class DepartmentPost(BodyModel):
    """A new department: its code and names; its chat, topic and head may come later."""

    code: Code
    name_ru: Name
    name_tt: Name
    name_en: Name
    chat_id: ChatId | None = None
    thread_id: ThreadId | None = None
    head_user_id: UserId | None = None

    def department(self) -> Department:
        return Department(**self.model_dump())


class DepartmentDeleteQuery(QueryModel):
    move_to: Code | None = Field(
        default=None,
        description="the department that takes over its requests (open and closed) and routes",
    )


class DepartmentPatch(BodyModel):
    """Only the fields given change; null clears chat_id, thread_id and head_user_id."""

    name_ru: Name | None = kept()
    name_tt: Name | None = kept()
    name_en: Name | None = kept()
    chat_id: ChatId | None = None
    thread_id: ThreadId | None = None
    head_user_id: UserId | None = None

    @field_validator("name_ru", "name_tt", "name_en", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class RouteOut(ResponseModel):
    category: str
    district: str | None = Field(description="null: every district without a route of its own")
    department: str

    @classmethod
    def of(cls, route: Route) -> "RouteOut":
        return cls(
            category=route.category,
            district=route.district or None,
            department=route.department,
        )


class RouteList(ResponseModel):
    items: list[RouteOut]


class RoutePut(BodyModel):
    """Requests of `category` in `district` (null: any district) go to `department`."""

    category: CategoryCode
    district: District | None = None
    department: Code

    def route(self) -> Route:
        return Route(self.category, self.district or ANY_DISTRICT, self.department)


class RouteQuery(QueryModel):
    category: CategoryCode
    district: District | None = None
