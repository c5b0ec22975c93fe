"""The web panel: pages for teachers, facilitators and admins, served by aiohttp. An adapter like
the others: it reads through the core's read models and changes through `PlcBot.handle`."""
