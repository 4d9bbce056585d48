"""The GraphQL API root: schema assembly, context, errors, the ASGI view."""
