"""The admin web API (`/api/v1/...`): JSON for the city's own systems, bearer tokens.

Adding an endpoint is one handler and its pydantic models, registered on a module's
`RouteTable`; the route is served AND described in /api/v1/openapi.json from that one
registration, so the document cannot drift from the server::

    # bot/api/outages.py
    routes = RouteTable("outages")

    class OutagePost(BodyModel):          # extra="forbid", strict types
        street: str
        starts_at: Timestamp               # RFC 3339 with an offset, or 422
        ends_at: Timestamp

    class OutageOut(ResponseModel):
        id: int
        starts_at: UtcDateTime             # answered as ISO 8601 UTC ("...Z")

    @routes.post("/outages", body=OutagePost, responses={201: OutageOut}, errors=(409,))
    async def post_outage(call: ApiCall, body: OutagePost) -> OutageOut:
        '''Announce an outage (the docstring's first line is the summary)'''
        async with call.context.uow() as uow:
            ...                            # one domain use case, then uow.commit()
        if unknown_street:
            raise invalid("street", "unknown street")     # 422 naming the field
        return OutageOut(...)              # or Reply(model, status) for another status

Then add `outages.routes` to `TABLES` in bot/api/app.py. That is all: tests/api/
test_openapi.py iterates the registry and checks the new endpoint's real answers against
the document.

The pieces:
- routing.py: `RouteTable` (`get/post/patch/put/delete` decorators), `Endpoint`, `ApiCall`
  (the aiohttp request + `ApiContext`: session factory, clock, staff chat, ...), `Reply`.
  Declared `path_model=`/`query=`/`body=` models are parsed before the handler runs and
  passed as the `path`/`query`/`body` arguments (a `{name}` segment is a field of the path
  model: `path: OutagePath` gives `path.outage_id`, an int, or the call answers 404);
  `errors=` lists the domain errors it raises (401, 422, 400/413/415 are added for you).
- parsing.py: `PathModel`, `QueryModel`, `BodyModel`, `ResponseModel`, `Timestamp`, `Id`,
  `UtcDateTime`, `parse_path`, `parse_query`, `parse_body` (64 KiB at most),
  `json_response`. Every input is validated strictly by its model, the same model whose
  JSON schema the document shows: what the document allows is what the server accepts.
- errors.py: the one error shape and `ApiError` with `not_found`, `conflict`, `invalid`.
- middlewares.py: errors as JSON for every /api/ path (never a 500 for bad input);
  `Authorization: Bearer` checked against ADMIN_API_TOKENS in constant time.
- openapi.py: the document built from the endpoints with pydantic's JSON schemas.
"""
