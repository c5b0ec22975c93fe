"""The Slack adapter: slack-bolt's AsyncApp in Socket Mode or HTTP mode, one or many workspaces."""

from adapters.slack.runner import SlackAdapter

__all__ = ["SlackAdapter"]
