"""GraphQL surface of orders: lines, payments, buyers, shipments, live order changes."""
