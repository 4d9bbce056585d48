"""GraphQL of the KPIs: the `kpis` report (topListings: top_listings.py)."""
