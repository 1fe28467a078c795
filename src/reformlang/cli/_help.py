"""`reformlang --help` as argparse renders it at width 78 (80 columns, or not a terminal), and the
defaults of `check`, so that neither needs argparse.

Generated from cli/main.py's build_parser() by `python -m reformlang.cli.main --write-help`
(`make docs`); tests/test_cli_help.py checks it is current. Do not edit."""

WIDTH = 78
TEXT = "usage: reformlang [-h] [--version] COMMAND ...\n\nA language and compiler for designing reforms of a school system.\n\npositional arguments:\n  COMMAND\n    check     check specs for errors and findings\n    fmt       rewrite specs in the canonical layout\n    explain   explain a rule or a principle of the research\n    rules     list the rules of the checker\n    graph     draw a diagram of a spec\n    plan      write an implementation plan of a spec\n    simconfig\n              write the simulation config (JSON) of a spec\n    simulate  simulate a design across every school\n    build     build check results, diagrams, plans and a simulation into a\n              folder\n    completion\n              print a shell completion script (bash, zsh or fish)\n    lsp       run the language server for editors (needs reformlang[lsp])\n\noptions:\n  -h, --help  show this help message and exit\n  --version   show program's version number and exit\n\nexample: reformlang check examples/\n\nrun `reformlang COMMAND --help` for each command\n"

# What argparse makes of `reformlang check PATH...` besides the paths (cli/main.py's _plain_check).
CHECK_DEFAULTS = {'baseline': None, 'config': None, 'diff': False, 'exit_zero': False, 'extend_ignore': (), 'extend_select': (), 'fail_on': None, 'fix': False, 'format': 'text', 'ignore': None, 'no_cache': False, 'output': None, 'quiet': False, 'require': None, 'root': None, 'select': None, 'show_settings': False, 'statistics': False, 'stdin_filename': None, 'unsafe_fixes': False, 'watch': False, 'write_baseline': None}
