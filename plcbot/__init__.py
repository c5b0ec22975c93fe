"""The composition root: the `plcbot` program that wires the core to storage and adapters.

`bot/` (the core) imports nothing from here, from `storage/` or from `adapters/`; this package
is the only place that imports all three. `plcbot.cli` is the command line, `plcbot.app` builds
and runs the bot, `plcbot.registry` names the platforms and reads their config sections.
"""
