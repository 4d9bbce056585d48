"""One file per export mutation."""
