"""Benchmarks for plcbot: `python -m benchmarks` (or `make bench`) writes docs/benchmarks.md.

Every measurement goes through the real code path: signed requests to the real Slack HTTP
endpoint, the real ScheduleRunner posting through SlackChat, the real use cases over SQLite
and PostgreSQL. Platform APIs are answered by the wire-level fake Slack of tests/slack on
127.0.0.1. The load generator, the fake platform and the server under test each run in a
process of their own."""
