"""Cryptography melihub relies on: key ring, password hashes, JWTs, opaque tokens."""
