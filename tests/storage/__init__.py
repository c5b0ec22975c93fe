"""Integration tests of storage/ on SQLite and on PostgreSQL."""
