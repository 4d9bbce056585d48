"""The columns of an export file: a header in the export's language and a cell type the writers format.

Times reach the writers already in the tenant's zone (naive local datetimes): the SQL converts them,
so the file shows what the seller's clock showed. Mercado Livre ids are text: they have 16 digits and a
spreadsheet's numbers keep 15.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CellType(StrEnum):
    TEXT = "TEXT"
    INTEGER = "INTEGER"
    DECIMAL = "DECIMAL"
    MONEY = "MONEY"  # the currency is the cell of ``Column.currency_of`` on the same row
    DATE = "DATE"
    DATETIME = "DATETIME"


@dataclass(frozen=True)
class Column:
    key: str
    type: CellType = CellType.TEXT
    width: int = 14
    currency_of: int | None = None  # MONEY: the index of the row's currency column


LOCALES = ("pt-BR", "en")
DEFAULT_LOCALE = "pt-BR"

HEADERS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "order": "Pedido",
        "pack": "Carrinho",
        "account": "Conta",
        "created": "Criado em",
        "paid": "Fechado em",
        "status": "Status",
        "substatus": "Subestado",
        "buyer": "Comprador",
        "items": "Itens",
        "units": "Unidades",
        "currency": "Moeda",
        "total": "Total",
        "refunded": "Reembolsado",
        "net": "Líquido",
        "shipment": "Envio",
        "shipment_status": "Status do envio",
        "shipment_substatus": "Subestado do envio",
        "listing": "Anúncio",
        "title": "Título",
        "sku": "SKU",
        "variation_skus": "SKUs das variações",
        "variations": "Variações",
        "price": "Preço",
        "stock": "Estoque",
        "sold": "Vendidos",
        "listing_type": "Tipo de anúncio",
        "free_shipping": "Frete grátis",
        "logistic_type": "Logística",
        "updated": "Atualizado em",
        "link": "Link",
        "question": "Pergunta",
        "text": "Texto",
        "asked": "Perguntado em",
        "answer": "Resposta",
        "answered": "Respondida em",
        "response_minutes": "Tempo de resposta (min)",
        "orders": "Pedidos",
        "mode": "Modo",
        "tracking": "Rastreio",
        "handling_limit": "Prazo de despacho",
        "delivery_limit": "Entrega prevista até",
        "receiver": "Destinatário",
        "city": "Cidade",
        "state": "UF",
        "label_printed": "Etiqueta impressa em",
        "metric": "Métrica",
        "group": "Grupo",
        "unit": "Unidade",
        "start": "Início",
        "value": "Valor",
        "yes": "sim",
        "no": "não",
        "period_total": "Total do período",
    },
    "en": {
        "order": "Order",
        "pack": "Pack",
        "account": "Account",
        "created": "Created",
        "paid": "Closed",
        "status": "Status",
        "substatus": "Substatus",
        "buyer": "Buyer",
        "items": "Items",
        "units": "Units",
        "currency": "Currency",
        "total": "Total",
        "refunded": "Refunded",
        "net": "Net",
        "shipment": "Shipment",
        "shipment_status": "Shipment status",
        "shipment_substatus": "Shipment substatus",
        "listing": "Listing",
        "title": "Title",
        "sku": "SKU",
        "variation_skus": "Variation SKUs",
        "variations": "Variations",
        "price": "Price",
        "stock": "Stock",
        "sold": "Sold",
        "listing_type": "Listing type",
        "free_shipping": "Free shipping",
        "logistic_type": "Logistics",
        "updated": "Updated",
        "link": "Link",
        "question": "Question",
        "text": "Text",
        "asked": "Asked",
        "answer": "Answer",
        "answered": "Answered",
        "response_minutes": "Response time (min)",
        "orders": "Orders",
        "mode": "Mode",
        "tracking": "Tracking",
        "handling_limit": "Dispatch by",
        "delivery_limit": "Delivery by",
        "receiver": "Receiver",
        "city": "City",
        "state": "State",
        "label_printed": "Label printed",
        "metric": "Metric",
        "group": "Group",
        "unit": "Unit",
        "start": "Start",
        "value": "Value",
        "yes": "yes",
        "no": "no",
        "period_total": "Period total",
    },
}


def word(key: str, locale: str) -> str:
    return HEADERS.get(locale, HEADERS[DEFAULT_LOCALE])[key]


def headers(columns: tuple[Column, ...], locale: str) -> list[str]:
    return [word(column.key, locale) for column in columns]


FILE_NAMES = {
    "pt-BR": {"ORDERS": "pedidos", "LISTINGS": "anuncios", "QUESTIONS": "perguntas", "SHIPMENTS": "envios"},
    "en": {"ORDERS": "orders", "LISTINGS": "listings", "QUESTIONS": "questions", "SHIPMENTS": "shipments"},
}


def file_stem(kind: str, locale: str) -> str:
    return FILE_NAMES.get(locale, FILE_NAMES[DEFAULT_LOCALE]).get(kind, kind.lower())
