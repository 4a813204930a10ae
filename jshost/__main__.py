"""``python -m jshost``: the same command as the ``jshost`` script."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
