"""Listing intelligence: a score for every listing, its findings, and an LLM review."""
