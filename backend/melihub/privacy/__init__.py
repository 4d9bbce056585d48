"""LGPD: a buyer's data exported or erased across the domains, and the raw-payload retention (docs/operations.md)."""
