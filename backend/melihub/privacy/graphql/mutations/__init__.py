"""One module per privacy mutation."""
