"""Claims as GraphQL: read-only for now."""
