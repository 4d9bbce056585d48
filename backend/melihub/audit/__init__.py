"""Audit domain."""
