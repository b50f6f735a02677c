"""``python -m commitlogic`` works like the ``commitlogic`` command."""

import sys

from commitlogic.cli.main import main

sys.exit(main())
