"""The team's rules, each written once and used by every way in (commands, buttons, forms,
declared configuration, storage): the check-in score, time zones, norm editing and founding a
team. Plain functions and values; the callers turn a broken rule into their own kind of
answer (a refusal in chat, a config error naming the key)."""
