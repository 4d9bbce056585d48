"""GraphQL of the privacy domain: a buyer's data exported or erased, and the raw-payload retention."""
