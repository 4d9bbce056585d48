"""Parse each distinct GraphQL document once per process.

Clients send the same few documents again and again (the dashboard's, an integrator's). Parsing one is
cheap, but its syntax tree is a web of cycles (tokens link to their neighbours) that only the cycle
collector can free: re-parsed on every request, it was most of what triggered collections under load.
A document that does not parse is not kept, so its error is reported the usual way each time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator, Mapping

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

MAX_DOCUMENTS = 512
_documents: OrderedDict[Hashable, DocumentNode] = OrderedDict()


def _key(query: str, options: Mapping[str, object]) -> Hashable:
    return query, tuple(sorted(options.items()))


class DocumentCache(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        key = _key(context.query, context.parse_options) if context.query else None
        cached = _documents.get(key) if key is not None else None
        if cached is not None:
            _documents.move_to_end(key)
            context.graphql_document = cached
        yield
        if cached is None and key is not None and context.graphql_document is not None:
            _documents[key] = context.graphql_document
            while len(_documents) > MAX_DOCUMENTS:
                _documents.popitem(last=False)
