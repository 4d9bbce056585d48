"""One module per topic; each task is a thin call into a domain service."""
