"""Schedules: when each team's nudges, prompts, reminders and check-ins are due. The scheduler
adapter ticks; the core decides what is due, claims it once, and says what to post."""
