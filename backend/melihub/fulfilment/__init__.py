"""Fulfilment: picking and packing orders (pack-aware), pick lists, shipping labels in batches, downloads."""
