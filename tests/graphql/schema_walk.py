"""Every place a global id goes into the API, found by introspection, and one call built for each.

The cross-tenant test walks these instead of a hand-written list: a new field, argument or filter
that takes an ``ID`` is covered the day it is added (or, when the walk cannot fill one of its other
arguments, makes the test fail with the name of what to teach it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_non_null_type,
)

from melihub.testing.graphql import gql

ROOTS = ("query", "mutation", "subscription")
# How deep the walk looks into input objects for ID fields (filter: {meliAccountIds}, one level today).
INPUT_DEPTH = 3
SCALAR_SAMPLES: dict[str, Callable[[], Any]] = {
    "String": lambda: "x",
    "Boolean": lambda: False,
    "Int": lambda: 1,
    "Float": lambda: 1.0,
    "Decimal": lambda: "1",
    "JSON": lambda: {},
    "DateTime": lambda: datetime.now(UTC).isoformat(),
    "Date": lambda: datetime.now(UTC).date().isoformat(),
}


async def live_schema(http: httpx.AsyncClient) -> GraphQLSchema:
    """The schema as the API introspects it (what a client sees, not the Python definitions)."""
    body = await gql(http, get_introspection_query())
    assert not body.get("errors"), body
    return build_client_schema(body["data"])


def node_types(schema: GraphQLSchema) -> set[str]:
    node = schema.get_type("Node")
    assert isinstance(node, GraphQLInterfaceType), "the schema has no Node interface"
    return {t.name for t in schema.get_implementations(node).objects}


@dataclass(frozen=True)
class Slot:
    """One place a global id goes in: an argument of a root field, or a field of an input argument."""

    root: str  # query, mutation or subscription
    field: str
    path: tuple[str, ...]  # ("id",) or ("filter", "meliAccountIds")
    definition: GraphQLField

    @property
    def label(self) -> str:
        return f"{self.root} {self.field}({'.'.join(self.path)})"

    @property
    def in_input_object(self) -> bool:
        return len(self.path) > 1


def root_type(schema: GraphQLSchema, root: str) -> GraphQLObjectType:
    found = {"query": schema.query_type, "mutation": schema.mutation_type, "subscription": schema.subscription_type}
    root_object = found[root]
    assert root_object is not None, f"the schema has no {root} type"
    return root_object


def id_slots(schema: GraphQLSchema, root: str) -> list[Slot]:
    """Every ID-typed argument (or input field, at any list depth) of every field of ``root``."""
    return [
        Slot(root, name, path, field)
        for name, field in root_type(schema, root).fields.items()
        for arg_name, arg in field.args.items()
        for path in _id_paths((arg_name,), arg.type, INPUT_DEPTH)
    ]


def _id_paths(path: tuple[str, ...], type_: GraphQLInputType, depth: int) -> Iterator[tuple[str, ...]]:
    named = get_named_type(type_)
    if named.name == "ID":
        yield path
    elif isinstance(named, GraphQLInputObjectType) and depth > 0:
        for name, field in named.fields.items():
            yield from _id_paths((*path, name), field.type, depth - 1)


# ID fields whose name does not say their type (``fooId`` → Foo does the rest); None: any Node type.
ID_FIELD_TYPES: dict[str, frozenset[str] | None] = {
    "actorId": frozenset({"User", "ApiToken"}),
    "targetId": None,
    "templateId": frozenset({"QuestionTemplate"}),
    "subscriptionId": frozenset({"WebhookSubscription"}),
    # An ``id`` field of an input object, as ``<InputType>.id`` (updateVariations' entries name variations).
    "VariationChange.id": frozenset({"Variation"}),
}


def types_named_by(name: str, node_names: set[str]) -> set[str]:
    """The Node types an ID argument names: ``userId`` → User, ``meliAccountIds`` → MeliAccount."""
    if name in ID_FIELD_TYPES:
        known = ID_FIELD_TYPES[name]
        return set(node_names) if known is None else set(known)
    for suffix in ("Ids", "Id"):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            candidate = stem[0].upper() + stem[1:]
            if candidate in node_names:
                return {candidate}
    raise AssertionError(f"teach the walk (ID_FIELD_TYPES) which type of id the argument {name!r} takes")


def expected_types(slot: Slot, node_names: set[str]) -> set[str]:
    """The types of id a slot is meant for (``node``/``nodes``: all of them)."""
    leaf = slot.path[-1]
    if slot.in_input_object and leaf in ("id", "ids"):
        return types_named_by(f"{_holder(slot).name}.{leaf}", node_names)
    if leaf not in ("id", "ids"):
        return types_named_by(leaf, node_names)
    returned = get_named_type(slot.definition.type)
    if returned.name in node_names:
        return {returned.name}
    if returned.name == "Node":
        return set(node_names)
    raise AssertionError(f"{slot.label}: cannot tell which type of id it takes")


def _holder(slot: Slot) -> GraphQLInputObjectType:
    """The input object type whose field the slot's last step is."""
    current: GraphQLInputType = slot.definition.args[slot.path[0]].type
    for name in slot.path[1:-1]:
        holder = get_named_type(current)
        assert isinstance(holder, GraphQLInputObjectType)
        current = holder.fields[name].type
    named = get_named_type(current)
    assert isinstance(named, GraphQLInputObjectType), f"{slot.label}: not inside an input object"
    return named


IdFiller = Callable[[str], str]  # an argument's name → a global id of the caller's own, for it


@dataclass(frozen=True)
class Call:
    slot: Slot
    document: str
    variables: dict[str, Any]


def build_call(slot: Slot, value: str, own_id: IdFiller) -> Call:
    """A call that puts ``value`` in the slot and fills every other required argument from its type.

    Other ID arguments, required or not, get one of the caller's own ids: the call is then one that
    would succeed but for ``value``, so a refusal can only be about ``value``.
    """
    definitions: list[str] = []
    arguments: list[str] = []
    variables: dict[str, Any] = {}
    for name, arg in slot.definition.args.items():
        if name == slot.path[0]:
            given = _value_in(arg.type, slot.path[1:], value, own_id, name)
        elif _required(arg) or get_named_type(arg.type).name == "ID":
            given = _sample(arg.type, own_id, name)
        else:
            continue
        definitions.append(f"${name}: {arg.type}")
        arguments.append(f"{name}: ${name}")
        variables[name] = given
    selection = _selection(get_named_type(slot.definition.type), payload=slot.root == "mutation")
    document = f"{slot.root} Walk({', '.join(definitions)}) {{ {slot.field}({', '.join(arguments)}) {selection} }}"
    return Call(slot, document, variables)


def _value_in(type_: GraphQLInputType, rest: tuple[str, ...], value: str, own_id: IdFiller, name: str) -> Any:
    """``value`` at the end of ``rest`` inside a value of ``type_``; the rest filled as required."""
    inner = get_nullable_type(type_)
    if isinstance(inner, GraphQLList):
        return [_value_in(inner.of_type, rest, value, own_id, name)]
    if not rest:
        return value
    assert isinstance(inner, GraphQLInputObjectType), f"{name}: {inner} holds no input fields"
    filled = _required_fields(inner, own_id, skip=rest[0])
    filled[rest[0]] = _value_in(inner.fields[rest[0]].type, rest[1:], value, own_id, rest[0])
    return filled


def _required(definition: GraphQLArgument | GraphQLInputField) -> bool:
    return is_non_null_type(definition.type) and definition.default_value is Undefined


def _sample(type_: GraphQLInputType, own_id: IdFiller, name: str) -> Any:
    inner = get_nullable_type(type_)
    if isinstance(inner, GraphQLList):
        return [_sample(inner.of_type, own_id, name)]
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLInputObjectType):
        return _required_fields(inner, own_id)
    if inner.name == "ID":
        return own_id(name)
    assert inner.name in SCALAR_SAMPLES, f"teach the walk a sample value of the scalar {inner.name}"
    return SCALAR_SAMPLES[inner.name]()


def _required_fields(input_type: GraphQLInputObjectType, own_id: IdFiller, skip: str | None = None) -> dict[str, Any]:
    return {
        name: _sample(field.type, own_id, f"{input_type.name}.{name}" if name in ("id", "ids") else name)
        for name, field in input_type.fields.items()
        if name != skip and _required(field)
    }


def _selection(named: GraphQLNamedType, *, payload: bool) -> str:
    """``__typename`` and ``id`` of what a field returns; every field of a mutation payload."""
    if is_leaf_type(named):
        return ""
    fields = named.fields if isinstance(named, GraphQLObjectType | GraphQLInterfaceType) else {}
    parts = ["__typename", *(["id"] if "id" in fields else [])]
    if "nodes" in fields:  # a connection: what it holds
        parts.append(f"nodes {_selection(get_named_type(fields['nodes'].type), payload=False)}")
    if payload:
        for name, field in fields.items():
            if name == "id" or any(is_non_null_type(arg.type) for arg in field.args.values()):
                continue
            if name == "errors":
                parts.append("errors { field message code }")
            elif is_leaf_type(get_named_type(field.type)):
                parts.append(name)
            else:
                parts.append(f"{name} {{ __typename }}")
    return "{ " + " ".join(parts) + " }"


def is_empty(value: Any) -> bool:
    """Null, false, or a list of such: nothing of the object asked about came back."""
    if isinstance(value, list):
        return all(is_empty(item) for item in value)
    return value is None or value is False


def binding_path(slot: Slot) -> str:
    """The slot as schemathesis addresses an argument: ``id``, ``ids[*]``, ``filter.meliAccountIds[*]``."""
    segments: list[str] = []
    current: GraphQLInputType = slot.definition.args[slot.path[0]].type
    for index, name in enumerate(slot.path):
        if index:
            holder = get_named_type(current)
            assert isinstance(holder, GraphQLInputObjectType)
            current = holder.fields[name].type
        inner = get_nullable_type(current)
        segment = name
        if isinstance(inner, GraphQLList):
            segment += "[*]"
        segments.append(segment)
    return ".".join(segments)
