// The preview's "what each line matches": the listings the API finds for each SKU or id, read before
// anything is sent (the bulk job itself resolves the lines again, so this is for the eye only).
import type { Client } from "urql";
import type { ListingsListQuery, ListingsListQueryVariables, StockLine } from "./gql/graphql";
import type { CsvLine } from "./csv";
import { variationName, type Listing } from "./edits";
import { ListingsMatchQuery, ListingsNodeQuery, ListingsQuery } from "./queries";

export interface LineMatch {
  /** unknown: too many listings to look through here; the job resolves it when sent. */
  state: "found" | "none" | "ambiguous" | "unknown";
  label?: string;
  now?: number;
  /** The listing's global id when the file named it by its Mercado Livre id (MLB…). */
  listingId?: string;
}

const ML_ITEM = /^[A-Z]{3}\d+$/;
const AT_ONCE = 6;
const INDEX_PAGES = 20; // 2,000 listings: beyond that the preview leaves variation SKUs to the job

/**
 * Every listing, read once per file: the API's search finds a listing's own SKU but not its
 * variations' (SELLER_SKU), so a SKU the search misses is looked for here.
 */
function listingIndex(client: Client): () => Promise<{ listings: Listing[]; complete: boolean }> {
  let loading: Promise<{ listings: Listing[]; complete: boolean }> | null = null;
  const load = async () => {
    const listings: Listing[] = [];
    let after: string | null = null;
    for (let page = 0; page < INDEX_PAGES; page++) {
      const variables: ListingsListQueryVariables = { first: 100, after };
      const answer = await client.query(ListingsQuery, variables, { requestPolicy: "network-only" }).toPromise();
      const connection: ListingsListQuery["listings"] | undefined = answer.data?.listings;
      if (!connection) return { listings, complete: false };
      listings.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) return { listings, complete: true };
      after = connection.pageInfo.endCursor ?? null;
    }
    return { listings, complete: false };
  };
  return () => (loading ??= load());
}

function bySku(listings: readonly Listing[], sku: string): LineMatch {
  const found: LineMatch[] = [];
  for (const listing of listings) {
    if (listing.variations.length === 0 && listing.sku === sku) {
      found.push({ state: "found", label: `${listing.title} (${listing.mlId})`, now: listing.availableQuantity });
    }
    for (const variation of listing.variations) {
      if (variation.sku === sku) {
        found.push({ state: "found", label: `${listing.title} · ${variationName(variation)}`, now: variation.availableQuantity });
      }
    }
  }
  if (found.length > 1) return { state: "ambiguous" };
  return found[0] ?? { state: "none" };
}

type Index = ReturnType<typeof listingIndex>;

async function matchOne(client: Client, index: Index, line: CsvLine): Promise<LineMatch> {
  if (line.key === "sku" || (line.key === "listingId" && ML_ITEM.test(line.value))) {
    const answer = await client.query(ListingsMatchQuery, { search: line.value }, { requestPolicy: "network-only" }).toPromise();
    const listings = answer.data?.listings.nodes ?? [];
    if (line.key === "sku") {
      const found = bySku(listings, line.value);
      if (found.state !== "none") return found;
      const all = await index();
      const again = bySku(all.listings, line.value);
      return again.state === "none" && !all.complete ? { state: "unknown" } : again;
    }
    const listing = listings.find((candidate) => candidate.mlId === line.value);
    return listing
      ? { state: "found", label: `${listing.title} (${listing.mlId})`, now: listing.availableQuantity, listingId: listing.id }
      : { state: "none" };
  }
  const answer = await client.query(ListingsNodeQuery, { id: line.value }, { requestPolicy: "network-only" }).toPromise();
  const node = answer.data?.node;
  if (node?.__typename === "Listing" && line.key === "listingId") {
    return { state: "found", label: `${node.title} (${node.mlId})`, now: node.availableQuantity, listingId: node.id };
  }
  if (node?.__typename === "Variation" && line.key === "variationId") {
    return { state: "found", label: variationName(node), now: node.availableQuantity };
  }
  return { state: "none" };
}

/** Every line's match, a few requests at a time; `onMatch` hears each as it comes. */
export async function matchLines(client: Client, lines: readonly CsvLine[], onMatch: (index: number, match: LineMatch) => void) {
  let next = 0;
  const index = listingIndex(client);
  const worker = async () => {
    while (next < lines.length) {
      const at = next++;
      onMatch(at, await matchOne(client, index, lines[at]).catch((): LineMatch => ({ state: "unknown" })));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, lines.length) }, worker));
}

/** The API's line: an MLB id the preview resolved goes as the listing's global id. */
export function stockLineOf(line: CsvLine, match: LineMatch | undefined): StockLine {
  if (line.key === "sku") return { sku: line.value, availableQuantity: line.availableQuantity };
  if (line.key === "variationId") return { variationId: line.value, availableQuantity: line.availableQuantity };
  return { listingId: match?.listingId ?? line.value, availableQuantity: line.availableQuantity };
}
