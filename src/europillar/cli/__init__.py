"""Command-line interface: thin wrappers that parse, call an engine and render."""
