"""Live changes: tenant change messages on Redis pub/sub (``bus``) and their per-process fan-out (``hub``).

Below every domain: a domain publishes after its commit, the API's subscriptions read through the hub.
"""
