"""The core's Metrics port (bot/observe.py) in Prometheus terms, on a registry of its own.

Every label value comes from a bounded set the code names (platforms, how a request came,
intent type names, outcomes, scheduler states, adapter names): never a person, a community or
their words."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LAG_BUCKETS = (0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0)


class PrometheusMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self._requests = Counter(
            "plcbot_requests",
            "Commands, clicks, forms and messages answered, by how they ended",
            ["platform", "kind", "command", "outcome"],
            registry=r,
        )
        self._latency = Histogram(
            "plcbot_reply_seconds",
            "Time from a request reaching the core to its reply being ready",
            ["platform", "kind"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self._runs = Counter(
            "plcbot_scheduler_runs", "Scheduled runs, by state", ["state"], registry=r
        )
        self._lag = Histogram(
            "plcbot_scheduler_lag_seconds",
            "Time from a scheduled run being due to its post being made",
            buckets=LAG_BUCKETS,
            registry=r,
        )
        self._limited = Counter(
            "plcbot_platform_rate_limited", "429 answers from a platform", ["platform"], registry=r
        )
        self._retries = Counter(
            "plcbot_platform_retries",
            "Platform calls tried again",
            ["platform", "reason"],
            registry=r,
        )
        self._db_errors = Counter(
            "plcbot_database_errors", "Requests and ticks the database did not serve", registry=r
        )
        self._restarts = Counter(
            "plcbot_adapter_restarts",
            "Adapters started again after a failure",
            ["adapter"],
            registry=r,
        )
        self._pool = Gauge(
            "plcbot_database_pool_in_use", "Database connections in use now", registry=r
        )
        for state in ("claimed", "sent", "failed", "skipped", "missed"):
            self._runs.labels(state)  # present (at 0) from the start

    def watch_pool(self, in_use: Callable[[], int]) -> None:
        self._pool.set_function(lambda: float(in_use()))

    def request(self, platform: str, kind: str, command: str, outcome: str, seconds: float) -> None:
        self._requests.labels(platform, kind, command, outcome).inc()
        self._latency.labels(platform, kind).observe(seconds)

    def scheduled(self, state: str, count: int = 1) -> None:
        self._runs.labels(state).inc(count)

    def schedule_lag(self, seconds: float) -> None:
        self._lag.observe(max(0.0, seconds))

    def rate_limited(self, platform: str) -> None:
        self._limited.labels(platform).inc()

    def retried(self, platform: str, reason: str) -> None:
        self._retries.labels(platform, reason).inc()

    def database_error(self) -> None:
        self._db_errors.inc()

    def adapter_restart(self, adapter: str) -> None:
        self._restarts.labels(adapter).inc()
