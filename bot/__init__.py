"""plcbot: keeps teachers' professional learning communities alive in chat.

`bot/` is the platform-agnostic core. It imports only the standard library and
itself; the composition root (`plcbot/app.py`, `plcbot/cli.py`) wires the rest.
"""

__version__ = "0.1.0"
