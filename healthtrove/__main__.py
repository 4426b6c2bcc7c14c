"""``python -m healthtrove``."""

import sys

from healthtrove.cli import main

sys.exit(main())
