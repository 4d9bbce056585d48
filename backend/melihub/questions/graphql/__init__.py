"""GraphQL surface of buyer questions: lists, lookups, live question changes."""
