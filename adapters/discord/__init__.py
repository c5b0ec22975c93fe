"""The Discord adapter: discord.py app commands, buttons, modals and DMs over the core."""
