"""One call per root field, with minimal valid arguments generated from the schema's argument types.

Every argument without a default is filled: IDs with the global id of a real object of the test's
tenant (or a well-formed id of the right type, where NOT_FOUND is an acceptable answer), enums with a
valid value, input objects with their required fields. Only ``__typename`` (or a payload's ``errors``)
is selected: the check is whether the field may be called, not what it returns.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    Undefined,
    get_named_type,
    is_composite_type,
)

from melihub.testing.graphql import gid

# Granting the owner role, or an admin token, is an owner's privilege on top of the table (a business
# rule with its own FORBIDDEN): a role no one is refused keeps that rule out of this check.
ENUM_CHOICES = {"Role": "ANALYST"}
ANY_NODE = "Listing"  # what node(id)/nodes(ids) are asked for: every role may read listings


@dataclass(frozen=True)
class Call:
    kind: str
    field: str
    document: str
    variables: dict[str, Any]


class Arguments:
    """Values for the arguments of one field; ``ids`` maps a type name to a real object's global id."""

    def __init__(self, root: str, field_name: str, field: GraphQLField, ids: Mapping[str, str]) -> None:
        self.root, self.field_name, self.field, self.ids = root, field_name, field, ids

    def value(self, name: str, kind: GraphQLType) -> Any:
        if isinstance(kind, GraphQLNonNull):
            return self.value(name, kind.of_type)
        if isinstance(kind, GraphQLList):
            return [self.value(name, kind.of_type)]
        if isinstance(kind, GraphQLEnumType):
            return ENUM_CHOICES.get(kind.name, next(iter(kind.values)))
        if isinstance(kind, GraphQLInputObjectType):
            return {key: self.value(key, f.type) for key, f in kind.fields.items() if _needed(f)}
        return self.scalar(name, get_named_type(kind).name)

    def scalar(self, name: str, scalar: str) -> Any:
        if scalar == "ID":
            type_name = self.id_type(name)
            return self.ids.get(type_name) or gid(type_name, uuid.uuid4())
        if scalar == "String":
            return _string(name)
        simple: dict[str, Any] = {
            "Int": 1,
            "Float": 1.0,
            "Boolean": False,
            "DateTime": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
            "Date": datetime.now(UTC).date().isoformat(),
            "Decimal": "1.00",
            "JSON": {},
        }
        if scalar not in simple:
            raise AssertionError(f"{self.root}.{self.field_name}({name}): no test value for scalar {scalar}")
        return simple[scalar]

    def id_type(self, name: str) -> str:
        """The object type an ID argument names: from its own name, else from what the field returns."""
        if name not in {"id", "ids"}:
            base = name.removesuffix("s").removesuffix("Id")  # userId → User, meliAccountIds → MeliAccount
            return base[:1].upper() + base[1:]
        returned = get_named_type(self.field.type)
        if not isinstance(returned, GraphQLObjectType):
            return ANY_NODE  # node/nodes: the Node interface
        if _is_node(returned):
            return returned.name
        # A payload: the node it carries (revokeApiToken → ApiToken, reprocessEvent → IntegrationEvent).
        carried = (get_named_type(f.type) for f in returned.fields.values())
        return next((t.name for t in carried if isinstance(t, GraphQLObjectType) and _is_node(t)), ANY_NODE)


def _is_node(kind: GraphQLObjectType) -> bool:
    return any(interface.name == "Node" for interface in kind.interfaces)


def _needed(given: GraphQLArgument | GraphQLInputField) -> bool:
    """An argument or input field without a default; a nullable one too (a resolver may not default it)."""
    # graphql-core 3.3 keeps an SDL default (even ``= null``) in ``default``, coerced ones in ``default_value``.
    return given.default is None and given.default_value is Undefined


def _string(name: str) -> str:
    if name == "email":
        return f"perm-{uuid.uuid4().hex[:10]}@aurora.example"  # a new person each time
    if name == "password":
        return "not the password"  # login must not sign this caller in as someone else
    if name == "site":
        return "MLB"
    return f"permission check {uuid.uuid4().hex[:6]}"


def _selection(field: GraphQLField) -> str:
    returned = get_named_type(field.type)
    errors = returned.fields.get("errors") if isinstance(returned, GraphQLObjectType) else None
    if errors is not None and get_named_type(errors.type).name == "UserError":  # a payload (SyncRun.errors is a count)
        return " { errors { code field message } }"
    return " { __typename }" if is_composite_type(returned) else ""


def call_for(schema: GraphQLSchema, kind: str, name: str, ids: Mapping[str, str]) -> Call:
    """The document and variables that call ``kind`` field ``name`` with minimal valid arguments."""
    if name == "__typename":
        return Call(kind, name, f"{kind} {{ __typename }}", {})
    root = {"query": schema.query_type, "mutation": schema.mutation_type, "subscription": schema.subscription_type}
    root_type = root[kind]
    assert root_type is not None, kind
    field = root_type.fields[name]
    values = Arguments(root_type.name, name, field, ids)
    needed: dict[str, GraphQLArgument] = {a: arg for a, arg in field.args.items() if _needed(arg)}
    declared = ", ".join(f"${a}: {arg.type}" for a, arg in needed.items())
    passed = ", ".join(f"{a}: ${a}" for a in needed)
    variables = {a: values.value(a, arg.type) for a, arg in needed.items()}
    document = (
        f"{kind}{f'({declared})' if declared else ''} {{ {name}{f'({passed})' if passed else ''}{_selection(field)} }}"
    )
    return Call(kind, name, document, variables)
