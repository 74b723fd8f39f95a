"""`python -m eventwire.cli` runs the command line."""

import sys

from eventwire.cli import main

sys.exit(main())
