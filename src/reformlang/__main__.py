"""Run the command line as `python -m reformlang`."""

from reformlang.cli.main import main

raise SystemExit(main())
