"""The city FAQ: list, read, create or replace, delete entries, and re-import the file.

Entries are seeded from data/faq/faq.csv (only the missing ones, at every migrate) and from
then on edited here. Every change moves the FAQ's revision and reloads this process's
library at once; other processes notice the revision within 30 s (scheduler/faq_refresh.py).
"""

from bot.api.errors import ApiError, ErrorCode, ErrorDetail, conflict, not_found
from bot.api.faq_models import FaqEntryOut, FaqEntryPut, FaqList, FaqPath, FaqReloadOut
from bot.api.routing import NO_CONTENT, ApiCall, Reply, RouteTable
from domain.errors import NotFound
from domain.faq.rules import InvalidFaqEntry
from domain.services.faq import delete_entry, put_entry, refresh_library
from storage.contacts_data import read_contacts
from storage.faq_data import FAQ_FILE, import_faq_file

routes = RouteTable("faq")


@routes.get("/faq", responses={200: FaqList})
async def list_faq(call: ApiCall) -> FaqList:
    """List every FAQ entry with its votes, in display order, and the FAQ's revision"""
    async with call.context.uow() as uow:
        revision = await uow.faq.revision()
        entries = await uow.faq.all()
        votes = await uow.faq.feedback()
    items = [FaqEntryOut.of(entry, votes.get(entry.id, (0, 0))) for entry in entries]
    return FaqList(revision=revision, items=items)


@routes.get("/faq/{entry_id}", responses={200: FaqEntryOut}, errors=(404,), path_model=FaqPath)
async def get_faq_entry(call: ApiCall, path: FaqPath) -> FaqEntryOut:
    """Read one FAQ entry with its votes"""
    entry_id = path.id
    async with call.context.uow() as uow:
        entry = await uow.faq.get(entry_id)
        votes = await uow.faq.feedback() if entry is not None else {}
    if entry is None:
        raise not_found(f"FAQ entry {entry_id!r}")
    return FaqEntryOut.of(entry, votes.get(entry_id, (0, 0)))


@routes.put(
    "/faq/{entry_id}",
    body=FaqEntryPut,
    responses={201: FaqEntryOut, 200: FaqEntryOut},
    path_model=FaqPath,
    links={
        name: {"entry_id": "$response.body#/id"} for name in ("get_faq_entry", "delete_faq_entry")
    },
)
async def put_faq_entry(call: ApiCall, path: FaqPath, body: FaqEntryPut) -> Reply:
    """Create (201) or replace (200) a FAQ entry

    Russian is required, Tatar and English optional. Contacts are names from
    data/contacts.csv, the category one of the request categories on offer; answers are
    Telegram HTML of at most 3500 characters as shown. Bots answer with it at once here and
    within 30 s in other processes; the entry's votes are kept.
    """
    entry = body.entry(path.id)
    contacts = [contact.name_ru for contact in read_contacts(call.context.data_dir)]
    async with call.context.uow() as uow:
        try:
            created = await put_entry(uow, call.context.clock, entry, contacts)
        except InvalidFaqEntry as error:
            details = [ErrorDetail(field=p.field, problem=p.problem) for p in error.problems]
            raise ApiError(ErrorCode.VALIDATION_FAILED, str(error), details) from None
        await uow.commit()
    await _refresh(call)
    return Reply(FaqEntryOut.of(entry), 201 if created else 200)


@routes.delete("/faq/{entry_id}", responses={204: NO_CONTENT}, errors=(404,), path_model=FaqPath)
async def delete_faq_entry(call: ApiCall, path: FaqPath) -> None:
    """Delete a FAQ entry and its votes

    An entry that also is in data/faq/faq.csv comes back at the next migrate or reload.
    """
    entry_id = path.id
    async with call.context.uow() as uow:
        try:
            await delete_entry(uow, entry_id)
        except NotFound:
            raise not_found(f"FAQ entry {entry_id!r}") from None
        await uow.commit()
    await _refresh(call)


@routes.post("/faq/reload", responses={200: FaqReloadOut}, errors=(409,))
async def reload_faq(call: ApiCall) -> FaqReloadOut:
    """Re-import data/faq/faq.csv: the file wins for its ids, other entries stay

    Entries created through the API that the file lacks are kept; rows that break the rules
    are not loaded and are listed with their reasons. 409 when the file cannot be read.
    """
    context = call.context
    async with context.uow() as uow:
        try:
            report = await import_faq_file(uow, context.clock, context.data_dir, True)
        except (OSError, ValueError) as error:
            raise conflict(f"{FAQ_FILE}: {error}") from None
        await uow.commit()
    revision = await _refresh(call)
    return FaqReloadOut.of(report, revision)


async def _refresh(call: ApiCall) -> int:
    """This process's library, current at once (other processes poll the revision)."""
    async with call.context.uow() as uow:
        await refresh_library(uow, call.context.faq)
    return call.context.faq.revision
