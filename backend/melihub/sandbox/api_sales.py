"""Orders (and their buyers' billing data), packs, shipments and labels."""

from __future__ import annotations

import copy
import io
import zipfile

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.sandbox.billing import V2_SITES, billing_info_v1, billing_info_v2, site_of
from melihub.sandbox.core import ParamError, error_body, forbidden, ml_json
from melihub.sandbox.search import order_search
from melihub.sandbox.service import Caller, Sandbox, answer, api, owned, sandbox_of
from melihub.sandbox.world import Raw

LABELS_MAX = 50


async def get_order(request: Request, caller: Caller) -> Response:
    return answer(owned(sandbox_of(request), "orders", request.path_params["id"], caller, "Order not found"))


async def get_billing_info(request: Request, caller: Caller) -> Response:
    """``/orders/{id}/billing_info``: v2 with ``x-version: 2`` on a v2 site, else v1 (``melihub.sandbox.billing``)."""
    sandbox = sandbox_of(request)
    order = owned(sandbox, "orders", request.path_params["id"], caller, "Order not found")
    if isinstance(order, Response):
        return order
    body = billing_info_v2(sandbox.world, order)
    if request.headers.get("x-version", "").strip() == "2" and site_of(sandbox.world, order) in V2_SITES:
        return ml_json(body)
    return ml_json(billing_info_v1(body))


async def search_orders(request: Request, caller: Caller) -> Response:
    seller = request.query_params.get("seller") or request.query_params.get("buyer")
    if not seller:
        raise ParamError("seller is required")
    if seller != str(caller.user_id):
        return forbidden()
    sandbox = sandbox_of(request)
    cap = sandbox.config.order_search_max_offset
    return ml_json(order_search(sandbox.world, caller.user_id, request.query_params, max_offset=cap))


async def get_pack(request: Request, caller: Caller) -> Response:
    return answer(owned(sandbox_of(request), "packs", request.path_params["id"], caller, "Pack not found"))


async def get_shipment(request: Request, caller: Caller) -> Response:
    key = request.path_params["id"]
    return answer(owned(sandbox_of(request), "shipments", key, caller, f"Shipment {key} not found"))


def shipment_items(sandbox: Sandbox, shipment_id: str) -> list[Raw]:
    stored = sandbox.world.get("shipment_items", shipment_id)
    if isinstance(stored, list):
        return stored
    entries = []
    for order in sandbox.world.kind("orders").values():
        if str((order.get("shipping") or {}).get("id")) != shipment_id:
            continue
        for line in order.get("order_items") or []:
            item = line.get("item") or {}
            entries.append(
                {
                    "item_id": item.get("id"),
                    "quantity": line.get("quantity"),
                    "variation_id": item.get("variation_id"),
                    "order_id": order.get("id"),
                    "description": item.get("title"),
                    "dimensions": None,
                    "sender_id": (order.get("seller") or {}).get("id"),
                }
            )
    return entries


async def get_shipment_items(request: Request, caller: Caller) -> Response:
    sandbox, key = sandbox_of(request), request.path_params["id"]
    found = owned(sandbox, "shipments", key, caller, f"Shipment {key} not found")
    if isinstance(found, Response):
        return found
    return ml_json(shipment_items(sandbox, key))


# Reference §7.3: labels only for ready_to_ship; Full and Flex have no Mercado Envios label, and an NF-e
# seller's label waits for its invoice (invoice_pending). Which of these ML reports as "not ready" in a
# 400, and in what shape the cause lists them, is unsure: here every one is, its id as a string.
NO_LABEL_LOGISTICS = ("fulfillment", "self_service")


def printable(shipment: Raw) -> bool:
    logistic = (shipment.get("logistic") or {}).get("type")
    return (
        shipment.get("status") == "ready_to_ship"
        and shipment.get("substatus") != "invoice_pending"
        and logistic not in NO_LABEL_LOGISTICS
    )


def _pdf_text(value: object) -> str:
    """Text for a PDF string (``\\``, ``(`` and ``)`` escaped); the page encodes it as WinAnsi."""
    text = str(value)
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _label_lines(shipment: Raw) -> list[str]:
    destination = shipment.get("destination") or {}
    address = destination.get("shipping_address") or {}
    city = (address.get("city") or {}).get("name") or ""
    state = (address.get("state") or {}).get("name") or ""
    return [
        "Etiqueta de envio - Mercado Envios (sandbox)",
        f"Envio {shipment.get('id')}",
        f"Rastreio {shipment.get('tracking_number') or '-'}",
        f"Para {destination.get('receiver_name') or '-'}",
        f"{city} {state}".strip() or "-",
    ]


def _page_stream(shipment: Raw) -> bytes:
    lines = " ".join(f"({_pdf_text(line)}) Tj 0 -22 Td" for line in _label_lines(shipment))
    return f"BT /F1 14 Tf 24 380 Td {lines} ET 24 40 240 60 re S".encode("cp1252", "replace")


def _pdf(shipments: list[Raw]) -> bytes:
    """One 10x15 cm page per shipment, in the order asked (ML answers a single file for the batch)."""
    pages = len(shipments)
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, shipment in enumerate(shipments):
        stream = _page_stream(shipment)
        content = 5 + 2 * index
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _zpl_zip(shipments: list[Raw]) -> bytes:
    """A ZIP holding one ``.txt`` of ZPL, one ``^XA…^XZ`` label per shipment (reference §7.3)."""
    zpl = "".join(
        f"^XA^CI28^FO50,50^A0N,40,40^FDEnvio {s['id']}^FS"
        f"^FO50,110^A0N,30,30^FDRastreio {s.get('tracking_number') or '-'}^FS"
        f"^BY3^FO50,170^BCN,100,Y,N,N^FD{s['id']}^FS^XZ\n"
        for s in shipments
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Etiqueta de envio.txt", zpl)
    return out.getvalue()


async def get_labels(request: Request, caller: Caller) -> Response:
    sandbox = sandbox_of(request)
    ids = [i.strip() for i in (request.query_params.get("shipment_ids") or "").split(",") if i.strip()]
    kind = request.query_params.get("response_type", "pdf")
    if not ids or len(ids) > LABELS_MAX or kind not in ("pdf", "zpl2"):
        raise ParamError(f"shipment_ids (1 to {LABELS_MAX}) and response_type pdf|zpl2 are required")
    shipments = []
    for sid in ids:
        found = owned(sandbox, "shipments", sid, caller, f"Shipment {sid} not found")
        if isinstance(found, Response):
            return found
        shipments.append(found)
    not_ready = [str(s["id"]) for s in shipments if not printable(s)]
    if not_ready:
        body = error_body(400, "Some shipments are not ready to print", "bad_request", [*not_ready])
        return ml_json(body, 400)
    for shipment in shipments:
        if shipment.get("substatus") == "ready_to_print":  # the first print (later ones change nothing)
            printed = copy.deepcopy(shipment)
            printed["substatus"] = "printed"
            sandbox.store("shipments", str(shipment["id"]), printed)  # bumps last_updated, notifies
    if kind == "pdf":
        return Response(_pdf(shipments), media_type="application/pdf")
    return Response(_zpl_zip(shipments), media_type="application/zip")


ROUTES: list[Route] = [
    api("GET", "/orders/search", search_orders),
    api("GET", "/orders/{id}", get_order),
    api("GET", "/orders/{id}/billing_info", get_billing_info),
    api("GET", "/packs/{id}", get_pack),
    api("GET", "/shipments/{id}/items", get_shipment_items),
    api("GET", "/shipments/{id}", get_shipment),
    api("GET", "/shipment_labels", get_labels),
]
