"""A wire-level fake Discord: REST under /api/v10, the gateway websocket, interactions and the
rules Discord enforces; `serving.fake_discord()` points discord.py at it."""
