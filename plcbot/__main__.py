"""`python -m plcbot` runs the command line, as the `plcbot` script does."""

import sys

from plcbot.cli import main

sys.exit(main())
