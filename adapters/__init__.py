"""Driving and driven adapters: each translates one platform to the core's neutral model."""
