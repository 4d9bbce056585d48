"""Conversations in GraphQL."""
