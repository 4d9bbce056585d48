"""Buyers: who buys again (cohorts by first-order month) and how much they are worth (RFM segments)."""
