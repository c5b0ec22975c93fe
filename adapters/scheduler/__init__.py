"""The scheduler adapter: APScheduler decides when to look; the core decides what is due."""

from adapters.scheduler.scheduler import SchedulerAdapter, SingleSchedulerLock

__all__ = ["SchedulerAdapter", "SingleSchedulerLock"]
