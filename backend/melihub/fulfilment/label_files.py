"""Mercado Livre's label answers, read and merged into the one file a bench prints.

``/shipment_labels`` answers one PDF per call, or for ``zpl2`` a ZIP holding the ZPL as ``.txt``
(reference §7.3). Each answer is read as it arrives (:func:`read_pdf`, :func:`read_zpl`), so one a library
cannot read refuses its own batch only; :func:`merge_pdfs` / :func:`merge_zpl` join the readable ones in
print order: one PDF (pypdf), or one ZPL text (a ZIP when Mercado Livre sent files that are not ZPL too).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

ZPL_SUFFIXES = (".txt", ".zpl")
ZPL_LABEL_START = "^XA"


class UnreadableLabels(ValueError):
    """Mercado Livre's answer is not the PDF or ZIP it should be."""


@dataclass
class ZplPart:
    text: str  # every ZPL file of the answer, in archive order
    others: dict[str, bytes] = field(default_factory=dict)  # files that are not ZPL, by name


def read_pdf(content: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(content))
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:  # a malformed file fails in many ways
        raise UnreadableLabels(f"the label PDF cannot be read ({exc})") from None
    if not pages:
        raise UnreadableLabels("the label PDF has no pages")
    return reader


def merge_pdfs(parts: list[PdfReader]) -> tuple[bytes, int]:
    """One PDF of every part's pages, in order; and its page count."""
    writer = PdfWriter()
    for part in parts:
        writer.append(part)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def read_zpl(content: bytes) -> ZplPart:
    """The ZPL of a ``zpl2`` answer: a ZIP of ``.txt`` files (plain ZPL text is accepted too)."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        text = content.decode("utf-8", "replace")
        if ZPL_LABEL_START not in text:
            raise UnreadableLabels("the ZPL answer is neither a ZIP nor ZPL")
        return ZplPart(text)
    texts: list[str] = []
    others: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for entry in archive.infolist():
                if entry.is_dir():
                    continue
                data = archive.read(entry)
                if entry.filename.lower().endswith(ZPL_SUFFIXES):
                    texts.append(data.decode("utf-8", "replace"))
                else:
                    others[entry.filename] = data
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableLabels(f"the ZPL archive cannot be read ({exc})") from None
    if not texts:
        raise UnreadableLabels("the ZPL archive holds no ZPL file")
    return ZplPart("".join(text if text.endswith("\n") else text + "\n" for text in texts), others)


def merge_zpl(parts: list[ZplPart], text_name: str) -> tuple[bytes, bool, int]:
    """The merged ZPL (``zipped``: a ZIP with it and the other files, when there were any); and how many
    labels it holds (``^XA`` starts one)."""
    text = "".join(part.text for part in parts)
    labels = text.count(ZPL_LABEL_START)
    others = {f"{index + 1}-{name}": data for index, part in enumerate(parts) for name, data in part.others.items()}
    if not others:
        return text.encode(), False, labels
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(text_name, text)
        for name, data in others.items():
            archive.writestr(name, data)
    return out.getvalue(), True, labels
