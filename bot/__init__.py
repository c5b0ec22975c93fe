"""plcbot: keeps teachers' professional learning communities alive in chat.

`bot/` is the platform-agnostic core. It imports only the standard library and
itself; the composition root (`bot/app.py`, `bot/__main__.py`) wires the rest.
"""

__version__ = "0.1.0"
