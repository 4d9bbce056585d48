"""Database access: engines, tenant-bound sessions, roles and migrations."""
