"""The core's public face: the one module an adapter imports from `bot`.

Adapters translate a platform's payloads into the core's actors and intents and render its
outcomes; everything they need for that is named here, and nothing else. When the core moves
a name between its modules, only this file changes (tests/test_architecture.py holds every
adapter to it)."""

from __future__ import annotations

from bot import config_values as config_rules
from bot.commands import (
    credential_intents,
    intents,
    minutes_intents,
    protocol_intents,
    values,
    work_intents,
)
from bot.commands.credential_arguments import file_intent
from bot.commands.grammar import COMMANDS, GROUPS, Spec
from bot.commands.intents import Intent
from bot.commands.language_table import language_choice
from bot.commands.values import KINDS
from bot.config import ConfigError
from bot.credentials import FILE_LIMIT
from bot.domain import CommunityRef, CycleStage, MessageRef, Role
from bot.export import ExportFile
from bot.files import private_dir, write_private
from bot.i18n import N_, _, current, fill, languages, ngettext, normalise, pgettext, speaking
from bot.i18n import SOURCE as SOURCE_LANGUAGE
from bot.incident import unexpected
from bot.installations import (
    InstallationStore,
    OAuthStates,
    WorkspaceBot,
    WorkspaceInstallation,
)
from bot.messages import (
    ACTION_PREFIX,
    Actions,
    Block,
    Bold,
    Bullets,
    Button,
    ButtonStyle,
    ChoiceField,
    Code,
    Context,
    Form,
    Heading,
    Inline,
    Italic,
    Mention,
    Message,
    Paragraph,
    Plain,
    Quote,
    TextField,
    text,
)
from bot.observe import metrics
from bot.outcome import Outcome
from bot.panel import Person, ScheduleView, TeamSchedules, TeamView
from bot.panel_admin import PanelAdmin
from bot.panel_credentials import PanelCredentials
from bot.panel_overview import Overview, Point, TeamCharts, TeamRow
from bot.panel_team import PanelTeam
from bot.platform import Health, Platform
from bot.ports import Chat, ChatError, StorageUnavailable
from bot.reports import SessionFigures
from bot.rules.score import HIGHEST, LOWEST
from bot.service import PlcBot
from bot.text import clean, one_line
from bot.usecases.context import Actor
from bot.usecases.reflections import VISIBILITY_CHOICES

__all__ = [
    "ACTION_PREFIX",
    "COMMANDS",
    "FILE_LIMIT",
    "GROUPS",
    "HIGHEST",
    "KINDS",
    "LOWEST",
    "N_",
    "SOURCE_LANGUAGE",
    "VISIBILITY_CHOICES",
    "Actions",
    "Actor",
    "Block",
    "Bold",
    "Bullets",
    "Button",
    "ButtonStyle",
    "Chat",
    "ChatError",
    "ChoiceField",
    "Code",
    "CommunityRef",
    "ConfigError",
    "Context",
    "CycleStage",
    "ExportFile",
    "Form",
    "Heading",
    "Health",
    "Inline",
    "InstallationStore",
    "Intent",
    "Italic",
    "Mention",
    "Message",
    "MessageRef",
    "OAuthStates",
    "Outcome",
    "Overview",
    "PanelAdmin",
    "PanelCredentials",
    "PanelTeam",
    "Paragraph",
    "Person",
    "Plain",
    "Platform",
    "PlcBot",
    "Point",
    "Quote",
    "Role",
    "ScheduleView",
    "SessionFigures",
    "Spec",
    "StorageUnavailable",
    "TeamCharts",
    "TeamRow",
    "TeamSchedules",
    "TeamView",
    "TextField",
    "WorkspaceBot",
    "WorkspaceInstallation",
    "_",
    "clean",
    "config_rules",
    "credential_intents",
    "current",
    "file_intent",
    "fill",
    "intents",
    "language_choice",
    "languages",
    "metrics",
    "minutes_intents",
    "ngettext",
    "normalise",
    "one_line",
    "pgettext",
    "private_dir",
    "protocol_intents",
    "speaking",
    "text",
    "unexpected",
    "values",
    "work_intents",
    "write_private",
]
