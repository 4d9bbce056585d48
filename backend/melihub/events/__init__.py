"""The event life cycle: the webhook inbox, the integration timeline, the pipeline, retries, recovery."""
