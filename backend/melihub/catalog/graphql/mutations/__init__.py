"""The catalog's mutations, one module each."""
