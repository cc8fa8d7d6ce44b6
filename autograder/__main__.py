"""``python -m autograder <command>``: see ``autograder.cli``."""
from .cli import main

raise SystemExit(main())
