"""Categories and their attributes (reference §13): the bodies of ``GET /categories/{id}`` and
``GET /categories/{id}/attributes``.

The reference ships no category fixture, so the bodies are built here, deterministically (no clock,
no RNG): every category of :data:`CATEGORIES` on MLB and on MLA (the generator moves MLB ids to MLA by
their prefix), every category named in their ``path_from_root``, and any other category an item of
the world uses (a generic one, see :func:`category_of`).

Shapes follow §13 exactly: a category is ``{id, name, path_from_root:[{id, name}], settings{...}}``;
an attribute is ``{id, name, tags, value_type, values:[{id, name}], value_max_length,
attribute_group_id, attribute_group_name}``. Like ML, ``tags`` holds only the tags that are set
(``{"required": true}``), never ``false`` ones. Names are pt-BR on MLB and Spanish on every other site.

What the reference leaves unsure (so do these bodies):

* which tags each site sends (``conditional_required`` in particular) and whether ``catalog_required``
  appears outside catalog domains: the core below marks BRAND and MODEL ``required``, GTIN
  ``catalog_required`` + ``conditional_required``;
* which attributes each real category asks for: the per-domain sets are plausible, not ML's;
* the value ids: those of colours, sizes, gender and condition are the ones the item fixtures carry,
  the others are made up; ``value_max_length`` (255 for text, 18 for numbers) is a guess;
* ``settings`` holds a plausible subset of ML's keys; the real category ids of the parent levels and
  extra fields ML sends (``hierarchy``, ``relevance``, ``allowed_units``, ``children_categories``...)
  are left out because §13 does not list them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from melihub.sandbox.world import Raw, World

Texts = tuple[str, str]  # (pt-BR, es)
Value = tuple[str, str, str]  # (id, pt-BR, es)


@dataclass(frozen=True)
class Spec:
    """One attribute a category asks for."""

    id: str
    names: Texts
    value_type: str  # string | number | number_unit | boolean | list
    tags: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    group: str = "MAIN"
    samples: tuple[str, ...] = ()  # what generated items fill free-text/number attributes with


GROUPS: dict[str, Texts] = {"MAIN": ("Principais", "Principales"), "OTHERS": ("Outros", "Otros")}
VARIES = ("allow_variations", "variation_attribute")
BOOLEAN: tuple[Value, ...] = (("242085", "Sim", "Sí"), ("242084", "Não", "No"))
COLORS: tuple[Value, ...] = (
    ("52049", "Preto", "Negro"),
    ("52055", "Branco", "Blanco"),
    ("51993", "Vermelho", "Rojo"),
    ("52028", "Azul", "Azul"),
)
SIZES: tuple[Value, ...] = (
    ("3259483", "P", "P"),
    ("3259484", "M", "M"),
    ("3259485", "G", "G"),
    ("3259486", "GG", "GG"),
)
VOLTAGES: tuple[Value, ...] = (
    ("7586040", "110V", "110V"),
    ("7586041", "220V", "220V"),
    ("7586042", "Bivolt", "Bivolt"),
)

# The core every category asks for. SELLER_SKU is ``hidden`` (buyers never see it) and a
# ``variation_attribute`` (each variation carries its own, as in the fixtures); ITEM_CONDITION is
# ``required`` like on ML's forms (it mirrors the item's ``condition``).
CORE: tuple[Spec, ...] = (
    Spec("BRAND", ("Marca", "Marca"), "string", ("required",)),
    Spec("MODEL", ("Modelo", "Modelo"), "string", ("required",)),
    Spec(
        "GTIN",
        ("Código universal de produto", "Código universal de producto"),
        "string",
        ("catalog_required", "conditional_required", "variation_attribute"),
    ),
    Spec(
        "ITEM_CONDITION",
        ("Condição do item", "Condición del ítem"),
        "list",
        ("required",),
        (("2230284", "Novo", "Nuevo"), ("2230581", "Usado", "Usado"), ("2230582", "Recondicionado", "Reacondicionado")),
    ),
    Spec("SELLER_SKU", ("SKU", "SKU"), "string", ("hidden", "variation_attribute"), group="OTHERS"),
)
COLOR = Spec("COLOR", ("Cor", "Color"), "list", VARIES, COLORS)


def _material(*values: Value) -> Spec:
    return Spec("MATERIAL", ("Material", "Material"), "list", values=values)


COTTON = ("2748304", "Algodão", "Algodón")
POLYESTER = ("2748305", "Poliéster", "Poliéster")
# Outside fashion, SIZE is an optional variation axis: the generator's listings with variations vary by
# colour and size in every category, and ML refuses a variation on an axis its category does not allow.
ANY_SIZE = Spec("SIZE", ("Tamanho", "Tamaño"), "string", VARIES, SIZES, group="OTHERS")
CAPACITY = Spec("CAPACITY", ("Capacidade", "Capacidad"), "number_unit", samples=("325 mL", "500 mL", "1 L", "1.5 L"))
DOMAIN_SPECS: dict[str, tuple[Spec, ...]] = {
    "apparel": (
        Spec(
            "GENDER",
            ("Gênero", "Género"),
            "list",
            ("required",),
            (
                ("110461", "Sem gênero", "Sin género"),
                ("339665", "Feminino", "Mujer"),
                ("339666", "Masculino", "Hombre"),
            ),
        ),
        COLOR,
        # An axis of the listing's variations: filled on each variation (``attribute_combinations``),
        # so not ``required`` of the item itself.
        Spec("SIZE", ("Tamanho", "Talle"), "string", VARIES, SIZES),
        _material(COTTON, POLYESTER, ("2748307", "Viscose", "Viscosa")),
    ),
    "bags": (
        COLOR,
        ANY_SIZE,
        _material(POLYESTER, ("2748306", "Couro", "Cuero"), ("2748308", "Náilon", "Nailon")),
        CAPACITY,
        Spec("IS_WATERPROOF", ("É impermeável", "Es impermeable"), "boolean", values=BOOLEAN, group="OTHERS"),
    ),
    "electronics": (
        COLOR,
        ANY_SIZE,
        Spec("VOLTAGE", ("Voltagem", "Voltaje"), "list", ("conditional_required",), VOLTAGES),
        Spec(
            "CONNECTIVITY",
            ("Conectividade", "Conectividad"),
            "list",
            ("required",),
            (("7586050", "Bluetooth", "Bluetooth"), ("7586051", "Com fio", "Con cable"), ("7586052", "Wi-Fi", "Wi-Fi")),
        ),
        Spec("IS_WIRELESS", ("É sem fio", "Es inalámbrico"), "boolean", values=BOOLEAN),
        Spec(
            "BATTERY_LIFE",
            ("Duração da bateria", "Duración de la batería"),
            "number_unit",
            group="OTHERS",
            samples=("6 h", "12 h", "24 h"),
        ),
    ),
    "lighting": (
        COLOR,
        ANY_SIZE,
        Spec("VOLTAGE", ("Voltagem", "Voltaje"), "list", ("required",), VOLTAGES),
        Spec("POWER", ("Potência", "Potencia"), "number_unit", samples=("5 W", "9 W", "12 W")),
    ),
    "kitchen": (
        COLOR,
        ANY_SIZE,
        CAPACITY,
        _material(
            ("2748302", "Aço inoxidável", "Acero inoxidable"),
            ("2748303", "Cerâmica", "Cerámica"),
            ("2748309", "Vidro", "Vidrio"),
            COTTON,
        ),
        Spec(
            "UNITS_PER_PACK",
            ("Unidades por kit", "Unidades por pack"),
            "number",
            group="OTHERS",
            samples=("1", "2", "3", "6"),
        ),
    ),
    "generic": (COLOR, ANY_SIZE),
}


@dataclass(frozen=True)
class Node:
    """A category level: its number (the id without the site prefix), names and domain kind."""

    number: str
    names: Texts
    kind: str = "generic"
    domain: str | None = None  # the catalog domain of a leaf, e.g. T_SHIRTS
    parents: tuple[str, ...] = ()  # numbers from the root, the node itself left out
    leaf: bool = True  # items are listed in leaves only


ROOTS: tuple[Node, ...] = (
    Node("1430", ("Calçados, Roupas e Bolsas", "Ropa, Bolsas y Calzado"), leaf=False),
    Node("1574", ("Casa, Móveis e Decoração", "Hogar, Muebles y Jardín"), leaf=False),
    Node("1000", ("Eletrônicos, Áudio e Vídeo", "Electrónica, Audio y Video"), leaf=False),
    Node("1953", ("Mais Categorias", "Otras categorías"), leaf=False),
    Node("1276", ("Calçados", "Calzado"), parents=("1430",), leaf=False),
    Node("1621", ("Cozinha", "Cocina"), parents=("1574",), leaf=False),
    Node("1584", ("Iluminação", "Iluminación"), parents=("1574",), leaf=False),
    Node("3835", ("Áudio", "Audio"), parents=("1000",), leaf=False),
)
LEAVES: tuple[Node, ...] = (
    Node("31447", ("Camisetas", "Remeras"), "apparel", "T_SHIRTS", ("1430",)),
    Node("23332", ("Tênis", "Zapatillas"), "apparel", "SNEAKERS", ("1430", "1276")),
    Node("31418", ("Bolsas", "Carteras"), "bags", "HANDBAGS", ("1430",)),
    Node("26538", ("Mochilas", "Mochilas"), "bags", "BACKPACKS", ("1430",)),
    Node("255209", ("Garrafas Térmicas", "Termos"), "kitchen", "THERMOSES", ("1574", "1621")),
    Node("271593", ("Canecas", "Tazas"), "kitchen", "MUGS", ("1574", "1621")),
    Node("255036", ("Xícaras e Canecas", "Tazas y Jarros"), "kitchen", "MUGS", ("1574", "1621")),
    Node("270254", ("Panos de Prato", "Repasadores"), "kitchen", "DISH_TOWELS", ("1574", "1621")),
    Node("255096", ("Jogos de Panelas", "Juegos de Ollas"), "kitchen", "COOKWARE_SETS", ("1574", "1621")),
    Node("412348", ("Cuias", "Mates"), "kitchen", "MATES", ("1574", "1621")),
    Node("412349", ("Bombas de Chimarrão", "Bombillas"), "kitchen", "BOMBILLAS", ("1574", "1621")),
    Node(
        "196208", ("Fones de Ouvido Sem Fio", "Auriculares Inalámbricos"), "electronics", "HEADPHONES", ("1000", "3835")
    ),
    Node("3697", ("Fones de Ouvido", "Auriculares"), "electronics", "HEADPHONES", ("1000", "3835")),
    Node("1582", ("Luminárias de Mesa", "Lámparas de Escritorio"), "lighting", "DESK_LAMPS", ("1574", "1584")),
    Node("116385", ("Luminárias", "Lámparas"), "lighting", "LAMPS", ("1574", "1584")),
)
NODES: dict[str, Node] = {node.number: node for node in (*ROOTS, *LEAVES)}
TABLE_SITES = ("MLB", "MLA")  # the sites whose ids the table answers for (the world's sites)
OTHER_ROOT = "1953"
CURRENCIES = {"MLB": "BRL", "MLA": "ARS", "MLM": "MXN", "MLC": "CLP", "MCO": "COP", "MLU": "UYU", "MPE": "PEN"}
_ID = re.compile(r"([A-Z]{3})(\d+)")


def lang(site: str) -> int:
    """Index into :data:`Texts`: pt-BR on MLB, Spanish elsewhere."""
    return 0 if site == "MLB" else 1


def split(category_id: str) -> tuple[str, str] | None:
    """``("MLB", "31447")`` for ``MLB31447``; ``None`` for anything not shaped like an ML category id."""
    match = _ID.fullmatch(category_id)
    return (match.group(1), match.group(2)) if match else None


def _world_item(world: World, category_id: str) -> Raw | None:
    return next((i for i in world.kind("items").values() if i.get("category_id") == category_id), None)


def node_of(world: World, category_id: str) -> tuple[str, Node] | None:
    """The site and node of a category the sandbox serves, else ``None`` (ML answers 404)."""
    parts = split(category_id)
    if parts is None:
        return None
    site, number = parts
    if site in TABLE_SITES and number in NODES:
        return site, NODES[number]
    item = _world_item(world, category_id)
    if item is None:
        return None
    domain = str(item.get("domain_id") or "").partition("-")[2] or None
    label = (domain or category_id).replace("_", " ").title()
    return site, Node(number, (label, label), "generic", domain, (OTHER_ROOT,))


def domain_id(category_id: str) -> str | None:
    """``MLB-T_SHIRTS`` for a table leaf (generated items take their ``domain_id`` from it)."""
    parts = split(category_id)
    node = NODES.get(parts[1]) if parts else None
    return f"{parts[0]}-{node.domain}" if parts and node and node.domain else None


def specs_of(kind: str) -> tuple[Spec, ...]:
    return (*CORE, *DOMAIN_SPECS.get(kind, DOMAIN_SPECS["generic"]))


def kind_of(category_id: str) -> str:
    parts = split(category_id)
    node = NODES.get(parts[1]) if parts else None
    return node.kind if node else "generic"


def _settings(site: str, node: Node) -> Raw:
    currency, leaf = CURRENCIES.get(site), node.leaf
    return {
        "adult_content": False,
        "buying_allowed": leaf,
        "buying_modes": ["buy_it_now"],
        "catalog_domain": f"{site}-{node.domain}" if node.domain else None,
        "currencies": [currency] if currency else [],
        "immediate_payment": "required",
        "item_conditions": ["new", "used", "not_specified"],
        "listing_allowed": leaf,
        "max_description_length": 50000,
        "max_pictures_per_item": 12,
        "max_pictures_per_item_var": 10,
        "max_title_length": 60,
        # §13: at most 100 variations, 250 in fashion.
        "max_variations_allowed": 250 if node.kind == "apparel" else 100,
        "minimum_price": 8.0 if currency == "BRL" else 1.0,  # what the sandbox's PUT /items enforces
        "price": "required",
        "shipping_options": ["custom"],
        "status": "enabled",
        "stock": "required",
        "tags": [],
        "vip_subdomain": "produto" if site == "MLB" else "articulo",
    }


def category_body(site: str, node: Node) -> Raw:
    """``GET /categories/{id}``: ``{id, name, path_from_root, settings}``."""
    index = lang(site)
    path = [{"id": f"{site}{n}", "name": NODES[n].names[index]} for n in node.parents if n in NODES]
    category_id = f"{site}{node.number}"
    path.append({"id": category_id, "name": node.names[index]})
    return {"id": category_id, "name": node.names[index], "path_from_root": path, "settings": _settings(site, node)}


def attribute_body(spec: Spec, site: str) -> Raw:
    index = lang(site)
    return {
        "id": spec.id,
        "name": spec.names[index],
        "tags": {tag: True for tag in spec.tags},
        "value_type": spec.value_type,
        "values": [{"id": value[0], "name": value[1 + index]} for value in spec.values],
        "value_max_length": 18 if spec.value_type in ("number", "number_unit") else 255,
        "attribute_group_id": spec.group,
        "attribute_group_name": GROUPS[spec.group][index],
    }


def attributes_body(site: str, node: Node) -> list[Raw]:
    """``GET /categories/{id}/attributes``: the core, then the attributes of the node's domain."""
    return [attribute_body(spec, site) for spec in specs_of(node.kind)]


def category_ids(world: World) -> set[str]:
    """Every category id the world's items use (what a test checks resolves)."""
    return {str(i["category_id"]) for i in world.kind("items").values() if i.get("category_id")}
