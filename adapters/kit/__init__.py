"""The platform kit: what every chat platform adapter needs and writes only once.

Not a platform itself: it imports the core's public module (`bot.api`), the standard library
and aiohttp (the HTTP server every adapter serves on), never a platform SDK, and every platform
adapter may import it."""

from adapters.kit.admission import Admission
from adapters.kit.deadline import Deadline, safely

__all__ = ["Admission", "Deadline", "safely"]
