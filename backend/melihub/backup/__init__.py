"""Backups: the database and the key ring in one file, and their restore into a new database."""
