"""GraphQL surface of the catalog: listings, their variations, live listing changes."""
