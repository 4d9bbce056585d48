"use client";

import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { Alert, Drawer } from "@mantine/core";
import type { ReactNode } from "react";
import { useQuery, type AnyVariables, type CombinedError, type OperationContext } from "urql";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useLiveEvents, useResync } from "@/lib/useLive";
import { ListingChangedSubscription } from "./queries";

type HasListing = { listing?: { id: string } | null };
type ListingOf<Data extends HasListing> = NonNullable<Data["listing"]>;

export type LiveListing<Data extends HasListing> = {
  listing: ListingOf<Data> | null;
  loaded: boolean;
  fetching: boolean;
  error: CombinedError | undefined;
  refetch: () => void;
};

/** One listing's query, fetched again after a reconnect and whenever that listing is applied again (a sync,
 * a notification, an edit); the last answer stays shown while the next one loads. */
export function useLiveListing<Data extends HasListing, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  listingId: string | null,
  context?: Partial<OperationContext>,
): LiveListing<Data> {
  const [result, reexecute] = useQuery({ query, variables, pause: !listingId, context });
  const refetch = () => reexecute({ requestPolicy: "network-only" });
  useResync(() => {
    if (listingId) refetch();
  });
  useLiveEvents(
    ListingChangedSubscription,
    { meliAccountIds: null },
    (data) => {
      if (data.listingChanged.id === listingId) refetch();
    },
    !listingId,
  );
  const kept = useKept(result);
  const listing = kept?.listing?.id === listingId ? (kept.listing as ListingOf<Data>) : null;
  return { listing, loaded: kept !== undefined, fetching: result.fetching, error: result.error, refetch };
}

/** The right-hand drawer a listing opens in: its error, loading and not-found states, then `children`. */
export function ListingDrawerFrame<Data extends HasListing>({
  live,
  opened,
  onClose,
  title,
  notFound,
  children,
}: {
  live: LiveListing<Data>;
  opened: boolean;
  onClose: () => void;
  title: string;
  notFound: string;
  children: (listing: ListingOf<Data>) => ReactNode;
}) {
  const { t } = useI18n();
  const { listing } = live;
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={title} closeButtonProps={{ "aria-label": t("common.close") }}>
      {live.error && !listing ? (
        <LoadError error={live.error} onRetry={live.refetch} />
      ) : !live.loaded ? (
        <Loading />
      ) : !listing ? (
        <Alert color="gray">{notFound}</Alert>
      ) : (
        children(listing)
      )}
    </Drawer>
  );
}
