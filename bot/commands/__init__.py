"""One command grammar for every platform: `/plc session open Fractions` means the same in
Slack, Discord and the console, and its usage and help are written once, here."""

from bot.commands.grammar import COMMANDS, ParseError, UnknownCommand, parse
from bot.commands.intents import Intent

__all__ = ["COMMANDS", "Intent", "ParseError", "UnknownCommand", "parse"]
