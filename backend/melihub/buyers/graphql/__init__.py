"""GraphQL of the buyers domain: cohorts and RFM segments."""
