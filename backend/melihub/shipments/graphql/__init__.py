"""GraphQL surface of shipments: lists, lookups, live shipment changes."""
