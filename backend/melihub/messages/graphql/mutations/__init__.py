"""One file per conversation mutation."""
