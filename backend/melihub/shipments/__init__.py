"""Shipments domain."""
