"""GraphQL surface of the integration timeline: events, reprocessing, live subscriptions."""
