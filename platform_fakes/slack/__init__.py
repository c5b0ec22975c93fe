"""A wire-level fake Slack: the Web API, Socket Mode and the rules Slack enforces."""
