"""The pick list as a printable PDF (fpdf2): one table row per line, a box to tick, headings on every page.

Text is set in the PDF's core Helvetica, which covers Latin-1 (Portuguese and Spanish accents): anything
beyond it (an emoji in a title) prints as ``?`` rather than shipping a font file. Thumbnails stay on
screen: printing them would fetch every picture from Mercado Livre's servers.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from sqlmodel import col, select

from melihub.accounts.models import Tenant
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.fulfilment.downloads import Download, DownloadFile, store_download
from melihub.fulfilment.picklist import PickLine, PickList
from melihub.runtime import Services

PDF = "application/pdf"
DEFAULT_ZONE = "America/Sao_Paulo"

TEXTS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "title": "Lista de separação",
        "summary": "{shipments} envios · {lines} itens · {units} unidades · {at}",
        "sku": "SKU",
        "product": "Produto",
        "quantity": "Qtd.",
        "shipments": "Envios",
        "page": "Página {page}",
        "file": "lista-de-separacao",
    },
    "en": {
        "title": "Pick list",
        "summary": "{shipments} shipments · {lines} lines · {units} units · {at}",
        "sku": "SKU",
        "product": "Product",
        "quantity": "Qty",
        "shipments": "Shipments",
        "page": "Page {page}",
        "file": "pick-list",
    },
}
SHIPMENTS_SHOWN = 6  # ids printed per line; the rest as "+N"
BOLD = FontFace(emphasis="BOLD", size_pt=12)


def texts(locale: str) -> dict[str, str]:
    return TEXTS.get(locale, TEXTS["pt-BR"])


def _latin1(text: str) -> str:
    return text.replace("·", "-").encode("latin-1", "replace").decode("latin-1")


class _PickListPdf(FPDF):
    def __init__(self, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.page_label = page_label
        self.set_auto_page_break(auto=True, margin=15)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.cell(0, 6, _latin1(self.page_label.format(page=self.page_no())), align="R")


def _product(line: PickLine) -> str:
    variation = f"\n{line.variation_label}" if line.variation_label else ""
    return f"{line.title}{variation}\n{line.item_ml_id}"


def _shipments(line: PickLine) -> str:
    shown = [str(ml_id) for ml_id in line.shipment_ml_ids[:SHIPMENTS_SHOWN]]
    more = len(line.shipment_ml_ids) - SHIPMENTS_SHOWN
    return ", ".join(shown) + (f" +{more}" if more > 0 else "")


def render_pick_list(picks: PickList, locale: str, generated_at: datetime) -> bytes:
    """The PDF of ``picks``; ``generated_at`` is printed as given (pass it in the tenant's time zone)."""
    words = texts(locale)
    pdf = _PickListPdf(words["page"])
    pdf.set_title(_latin1(words["title"]))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 9, _latin1(words["title"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9)
    summary = words["summary"].format(
        shipments=len(picks.shipments),
        lines=len(picks.lines),
        units=picks.units,
        at=generated_at.strftime("%Y-%m-%d %H:%M"),
    )
    pdf.cell(0, 6, _latin1(summary), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    headings = ("", words["sku"], words["product"], words["quantity"], words["shipments"])
    with pdf.table(
        col_widths=(7, 30, 88, 13, 42), text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "LEFT"), line_height=5
    ) as table:
        table.row([_latin1(heading) for heading in headings])
        for line in picks.lines:
            row = table.row()
            row.cell("")
            row.cell(_latin1(line.sku or "-"))
            row.cell(_latin1(_product(line)))
            row.cell(str(line.quantity), style=BOLD)  # what the picker reads first
            row.cell(_latin1(_shipments(line)))
    return bytes(pdf.output())


def file_name(locale: str, generated_at: datetime) -> str:
    return f"{texts(locale)['file']}-{generated_at.strftime('%Y%m%d-%H%M')}.pdf"


async def store_pick_list(services: Services, principal: Principal, picks: PickList, locale: str) -> Download:
    """Render ``picks`` dated in the tenant's time zone and keep it behind a signed URL."""
    async with services.db.tenant(principal.tenant_id) as session:
        zone = (await session.exec(select(Tenant.time_zone).where(col(Tenant.id) == principal.tenant_id))).first()
    try:
        now = utcnow().astimezone(ZoneInfo(zone or DEFAULT_ZONE))
    except (ValueError, KeyError):  # a zone PostgreSQL knows but this Python's tzdata does not
        now = utcnow()
    pdf = render_pick_list(picks, locale, now)
    return await store_download(services, principal.tenant_id, DownloadFile(pdf, file_name(locale, now), PDF))
