"""Fakes of the platforms at the wire, shared by the tests and the benchmarks.

Each fake serves the platform's own protocol on 127.0.0.1 (HTTP, websockets), so the real SDK
code runs unchanged against it and enforces the platform's documented rules. Nothing here
imports `tests`; the benchmarks import nothing from `tests` either (an architecture test checks
both)."""
