"""The command line: parses arguments and runs the pipeline. Nothing imports this package."""
