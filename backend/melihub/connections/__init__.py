"""Connections domain."""
