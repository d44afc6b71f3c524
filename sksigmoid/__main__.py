"""``python -m sksigmoid``: the truth-table demo."""

import sys

from sksigmoid.cli import main

if __name__ == "__main__":
    sys.exit(main())
