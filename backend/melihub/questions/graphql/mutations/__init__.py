"""One mutation a file (Saleor's layout): input, payload, resolver."""
