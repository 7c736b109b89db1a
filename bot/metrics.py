"""Prometheus metrics of one application: its own registry, passed down, never global.

Counters are fed where things happen (the update middleware, the outbox dispatcher's pass
reports); the queue length is counted in the database when /metrics is scraped. The process's
memory (process_resident_memory_bytes) and the entries of its in-memory tables (per chat or
person, counted when scraped) show whether it grows with the residents it has seen (issue 16).
"""

from collections.abc import Sized

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from scheduler.outbox import DispatchReport
from storage.uow import SqlUnitOfWork

# The classic text format: what every Prometheus version scrapes.
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
# Handling an update is mostly database work plus one or two Bot API calls.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "mykazan_updates_handled",
            "Telegram updates handled, by update type and outcome",
            ["type", "outcome"],  # outcome: handled, unhandled, error
            registry=self.registry,
        )
        self.latency = Histogram(
            "mykazan_update_handling_seconds",
            "Time to handle one update, middlewares included",
            ["type"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.sent = Counter(
            "mykazan_notifications_sent", "Notifications delivered", registry=self.registry
        )
        self.failed = Counter(
            "mykazan_notifications_failed",
            "Notifications given up on, by reason",
            ["reason"],  # failed (permanent or out of attempts), blocked (the bot was blocked)
            registry=self.registry,
        )
        self.retried = Counter(
            "mykazan_notifications_retried",
            "Temporary delivery failures, to be tried again",
            registry=self.registry,
        )
        self.flood_waits = Counter(
            "mykazan_telegram_flood_waits",
            "429 Too Many Requests answers from Telegram",
            registry=self.registry,
        )
        self.queued = Gauge(
            "mykazan_notifications_queued",
            "Notifications waiting in the outbox (counted when scraped)",
            registry=self.registry,
        )
        self.held = Gauge(
            "mykazan_memory_entries",
            "Entries of this process's in-memory tables, by table (counted when scraped)",
            ["table"],
            registry=self.registry,
        )
        ProcessCollector(registry=self.registry)  # RSS, CPU seconds, open files (Linux)

    def track(self, table: str, entries: Sized) -> None:
        """Report a table's size at every scrape."""
        self.held.labels(table).set_function(lambda: float(len(entries)))

    def observe_report(self, report: DispatchReport) -> None:
        """The outbox dispatcher's callback after every pass that did something."""
        self.sent.inc(report.sent)
        self.failed.labels("failed").inc(report.failed)
        self.failed.labels("blocked").inc(report.blocked)
        self.retried.inc(report.retried)
        self.flood_waits.inc(report.flood_waits)

    async def exposition(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock
    ) -> bytes:
        async with SqlUnitOfWork(session_factory, clock) as uow:
            self.queued.set(await uow.admin.pending_notifications())
        return generate_latest(self.registry)
