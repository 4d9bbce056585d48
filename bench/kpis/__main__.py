"""``python -m bench.kpis``."""

import sys

from bench.kpis.run import main

sys.exit(main())
