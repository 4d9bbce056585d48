"""GraphQL surface of sync runs (history backfill, incremental catch-up) and account health."""
