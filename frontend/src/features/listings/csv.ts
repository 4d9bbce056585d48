// The bulk stock file: a header naming the key column (sku, listingId or variationId) and
// availableQuantity, one line per stock. The format is that small, so it is split by hand (no CSV
// library in package.json): commas or semicolons (Brazilian spreadsheets export ";"), quotes stripped.

export type StockKey = "sku" | "listingId" | "variationId";

export interface CsvLine {
  /** The line's number in the file (1 is the header). */
  row: number;
  key: StockKey;
  value: string;
  availableQuantity: number;
}

export interface CsvProblem {
  row: number;
  reason: "header" | "key" | "quantity" | "tooMany" | "empty";
}

export interface ParsedCsv {
  lines: CsvLine[];
  problems: CsvProblem[];
}

export const MAX_LINES = 500;
const KEYS: Record<string, StockKey> = {
  sku: "sku",
  listingid: "listingId",
  listing: "listingId",
  itemid: "listingId",
  variationid: "variationId",
  variation: "variationId",
};
const QUANTITY = new Set(["availablequantity", "available_quantity", "quantity", "stock", "estoque"]);

function cells(text: string, separator: string): string[] {
  return text.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1").trim());
}

function normal(header: string): string {
  return header.toLowerCase().replace(/[\s_-]/g, "");
}

/** Reads the file's text; lines it cannot use come back as problems with their row. */
export function parseStockCsv(text: string): ParsedCsv {
  const rows = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const headerRow = rows.findIndex((row) => row.trim() !== "");
  if (headerRow < 0) return { lines: [], problems: [{ row: 1, reason: "empty" }] };
  const separator = rows[headerRow].includes(";") ? ";" : ",";
  const header = cells(rows[headerRow], separator);
  const keyIndexes = header.map((name, index) => (KEYS[normal(name)] ? index : -1)).filter((index) => index >= 0);
  const quantityIndex = header.findIndex((name) => QUANTITY.has(normal(name)) || QUANTITY.has(name.toLowerCase()));
  if (keyIndexes.length === 0 || quantityIndex < 0) {
    return { lines: [], problems: [{ row: headerRow + 1, reason: "header" }] };
  }
  const lines: CsvLine[] = [];
  const problems: CsvProblem[] = [];
  rows.slice(headerRow + 1).forEach((text, offset) => {
    const row = headerRow + offset + 2;
    if (text.trim() === "") return;
    const values = cells(text, separator);
    // With both sku and id columns, the first one filled names the line.
    const keyIndex = keyIndexes.find((index) => (values[index] ?? "") !== "");
    const quantityText = values[quantityIndex] ?? "";
    if (keyIndex === undefined) {
      problems.push({ row, reason: "key" });
    } else if (!/^\d+$/.test(quantityText)) {
      problems.push({ row, reason: "quantity" });
    } else if (lines.length >= MAX_LINES) {
      problems.push({ row, reason: "tooMany" });
    } else {
      lines.push({ row, key: KEYS[normal(header[keyIndex])], value: values[keyIndex], availableQuantity: Number(quantityText) });
    }
  });
  return { lines, problems };
}
