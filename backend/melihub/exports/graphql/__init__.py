"""Exports as GraphQL."""
