"""The project's own developer commands (`make imports`); not part of the installed package."""
