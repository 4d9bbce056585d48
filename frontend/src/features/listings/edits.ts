// What an inline edit sends, and what a conflict compares: the changed fields only, so that "keep
// mine" after a conflict never overwrites a field the user did not touch with what they saw earlier.
import type { ListingsRowFragment, VariationChange } from "./gql/graphql";

export type Listing = ListingsRowFragment;
export type Variation = Listing["variations"][number];

/** The user's typed values, as text, for the fields they touched. */
export interface Draft {
  /**
   * The listing as it was when the user started typing: its updatedAt is the version the save names,
   * so a change that lands while they type (the row refreshes live) is a conflict, not overwritten.
   */
  base?: Listing;
  price?: string;
  stock?: string;
  variationStock: Record<string, string>;
}

export const EMPTY_DRAFT: Draft = { variationStock: {} };

/** One change to send: the listing's own fields (updateListing) or its variations (updateVariations). */
export type Edit =
  | { kind: "listing"; price?: string; stock?: number; status?: string }
  | { kind: "variations"; price?: string; stocks: Record<string, number> };

export interface FieldValue {
  /** A stable key for the field: price, availableQuantity, status, or stock:<variation id>. */
  key: string;
  variationId?: string;
  mine: string;
  seen: string;
  theirs: string;
}

/** The typed price as the API's Decimal ("59,90" and "59.9" read as 59.90); null when it is not a number. */
export function decimalOf(text: string): string | null {
  const normal = text.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  return normal;
}

/** A stored amount as a person types it: "59,90" in pt-BR, "59.90" in English. */
export function priceText(amount: string | null | undefined, locale: string): string {
  if (!amount) return "";
  return locale === "pt-BR" ? amount.replace(".", ",") : amount;
}

export function quantityOf(text: string): number | null {
  const normal = text.trim();
  return /^\d+$/.test(normal) ? Number(normal) : null;
}

function samePrice(a: string | undefined | null, b: string | undefined | null): boolean {
  return a != null && b != null && Number(a) === Number(b);
}

/** The edit the draft asks for (null: nothing changed), or the first field that is not a number. */
export function editOf(current: Listing, draft: Draft): { edit: Edit | null; invalid: string[] } {
  const listing = draft.base ?? current;
  const invalid: string[] = [];
  const price = draft.price === undefined ? undefined : decimalOf(draft.price);
  if (price === null) invalid.push("price");
  const changedPrice = price && !samePrice(price, listing.price?.amount) ? price : undefined;
  if (listing.variations.length === 0) {
    const stock = draft.stock === undefined ? undefined : quantityOf(draft.stock);
    if (stock === null) invalid.push("availableQuantity");
    const changedStock = stock != null && stock !== listing.availableQuantity ? stock : undefined;
    if (invalid.length > 0 || (changedPrice === undefined && changedStock === undefined)) return { edit: null, invalid };
    return { edit: { kind: "listing", price: changedPrice, stock: changedStock }, invalid };
  }
  const stocks: Record<string, number> = {};
  for (const variation of listing.variations) {
    const text = draft.variationStock[variation.id];
    if (text === undefined) continue;
    const stock = quantityOf(text);
    if (stock === null) invalid.push(`stock:${variation.id}`);
    else if (stock !== variation.availableQuantity) stocks[variation.id] = stock;
  }
  if (invalid.length > 0 || (changedPrice === undefined && Object.keys(stocks).length === 0)) return { edit: null, invalid };
  return { edit: { kind: "variations", price: changedPrice, stocks }, invalid };
}

/**
 * updateVariations' list: every variation of the listing by id (Mercado Livre drops the ones a PUT
 * leaves out, and the API asks for all), each with only what changed; one price for all of them.
 */
export function variationChanges(listing: Listing, edit: Extract<Edit, { kind: "variations" }>): VariationChange[] {
  return listing.variations.map((variation) => ({
    id: variation.id,
    ...(edit.price !== undefined ? { price: edit.price } : {}),
    ...(variation.id in edit.stocks ? { availableQuantity: edit.stocks[variation.id] } : {}),
  }));
}

/** The fields of an edit side by side: what the user saw, what they typed, what is there now. */
export function conflictFields(edit: Edit, seen: Listing, current: Listing): FieldValue[] {
  const fields: FieldValue[] = [];
  const money = (listing: Listing) => listing.price?.amount ?? "";
  if (edit.price !== undefined) fields.push({ key: "price", mine: edit.price, seen: money(seen), theirs: money(current) });
  if (edit.kind === "listing") {
    if (edit.stock !== undefined) {
      const [was, now] = [seen.availableQuantity, current.availableQuantity].map(String);
      fields.push({ key: "availableQuantity", mine: String(edit.stock), seen: was, theirs: now });
    }
    if (edit.status !== undefined) fields.push({ key: "status", mine: edit.status, seen: seen.status, theirs: current.status });
    return fields;
  }
  for (const [id, stock] of Object.entries(edit.stocks)) {
    const was = seen.variations.find((variation) => variation.id === id);
    const now = current.variations.find((variation) => variation.id === id);
    fields.push({
      key: `stock:${id}`,
      variationId: id,
      mine: String(stock),
      seen: was ? String(was.availableQuantity) : "",
      theirs: now ? String(now.availableQuantity) : "",
    });
  }
  return fields;
}

/** "Cor: Preto · Tamanho: M", or the SKU, or the Mercado Livre id. */
export function variationName(variation: Pick<Variation, "attributes" | "sku" | "mlId">): string {
  const named = variation.attributes.filter((attribute) => attribute.value).map((a) => `${a.name}: ${a.value}`);
  return named.length > 0 ? named.join(" · ") : (variation.sku ?? variation.mlId);
}

/** The draft's key for an API error's field (variations[2].availableQuantity → stock:<id>). */
export function draftKeyOf(listing: Listing, field: string | null | undefined): string | null {
  if (!field) return null;
  const match = /^variations\[(\d+)\]\.(\w+)$/.exec(field);
  if (!match) return field.replace(/^input\./, "");
  const variation = listing.variations[Number(match[1])];
  if (match[2] === "price") return "price";
  return variation ? `stock:${variation.id}` : null;
}
