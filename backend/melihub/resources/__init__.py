"""Mercado Livre resources above the domains: which topics and kinds exist, how each is fetched and applied."""
