"""Signed outbound webhooks for integrators: subscriptions to tenant changes, deliveries, a replayable log.

Not Mercado Livre's inbound notifications (``melihub.events.webhooks``): these go out, to URLs a company
registers, signed with a secret only it holds (docs/webhooks.md).
"""
