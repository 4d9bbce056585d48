"""GraphQL surface of the accounts domain."""
