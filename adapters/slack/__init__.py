"""The Slack adapter: slack-bolt's AsyncApp in Socket Mode or HTTP mode, one or many workspaces
(`adapters.slack.runner.SlackAdapter`). Importing the package imports no SDK, so reading the
`[slack]` config section at start stays quick."""
