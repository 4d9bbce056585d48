"""GraphQL surface of the floor."""
