"""TEST_POSTGRES_URL is read as DATABASE_URL is: a provider's postgres:// URL means asyncpg
(SQLAlchemy alone would load psycopg2, which is not installed)."""

import pytest
from sqlalchemy import make_url

from tests.storage.databases import POSTGRES_URL_VARIABLE, postgres_admin_url


@pytest.mark.parametrize(
    "given",
    [
        "postgres://postgres:pw@127.0.0.1:5432/test",
        "postgresql://postgres:pw@127.0.0.1:5432/test",
        "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/test",
    ],
)
def test_test_postgres_url_means_asyncpg(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv(POSTGRES_URL_VARIABLE, given)

    url = make_url(postgres_admin_url())

    assert url.drivername == "postgresql+asyncpg"
    assert (url.host, url.port, url.database, url.password) == ("127.0.0.1", 5432, "test", "pw")
    assert url.get_dialect().driver == "asyncpg"
