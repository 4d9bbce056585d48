"""One module per fulfilment mutation."""
