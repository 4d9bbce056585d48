"use client";

import { useCallback, useState } from "react";
import { useMutation } from "urql";
import { requestErrorText } from "@/features/integrations/errors";
import type { LabelFormat } from "@/gql/graphql";
import type { I18n } from "@/i18n/I18nProvider";
import { MarkPackedMutation, MarkPickedMutation, PrintLabelsMutation } from "./queries";

export interface IdError {
  field?: string | null;
  code: string;
  message: string;
}

export interface Download {
  url: string;
  fileName: string;
  expiresAt: string;
}

/** What the last action did: the orders that moved or the labels made, and each id refused with why. */
export type ActionResult =
  | { kind: "marks"; target: "PICKED" | "PACKED"; moved: number; errors: IdError[] }
  | { kind: "labels"; format: LabelFormat; labelCount: number; download: Download | null; errors: IdError[] }
  | { kind: "failed"; message: string };

/** One refused id in words: our sentence for a known code (Mercado Livre's reason added when it gave one). */
export function reasonOf(i18n: I18n, error: IdError): string {
  const key = `ordersPage.error.${error.code}`;
  if (!i18n.has(key)) return error.message;
  return error.code === "NOT_READY_TO_PRINT" ? `${i18n.t(key)}: ${error.message}` : i18n.t(key);
}

export function useFulfilmentActions(i18n: I18n, onDone: () => void) {
  const [picking, markPicked] = useMutation(MarkPickedMutation);
  const [packing, markPacked] = useMutation(MarkPackedMutation);
  const [printing, printLabels] = useMutation(PrintLabelsMutation);
  const [result, setResult] = useState<ActionResult | null>(null);

  const mark = useCallback(
    // The bench says its own outcome (`quiet`): the list's result panel is for the selection's actions.
    async (target: "PICKED" | "PACKED", ids: string[], quiet = false): Promise<ActionResult> => {
      const answer = target === "PICKED" ? await markPicked({ ids }) : await markPacked({ ids });
      const payload = answer.data ? ("markPicked" in answer.data ? answer.data.markPicked : answer.data.markPacked) : null;
      const next: ActionResult =
        answer.error || !payload
          ? { kind: "failed", message: answer.error ? requestErrorText(i18n, answer.error) : i18n.t("common.loadError") }
          : { kind: "marks", target, moved: payload.orders.length, errors: payload.errors };
      if (!quiet) setResult(next);
      onDone();
      return next;
    },
    [markPicked, markPacked, i18n, onDone],
  );

  const print = useCallback(
    async (format: LabelFormat, shipmentIds: string[]) => {
      const answer = await printLabels({ shipmentIds, format });
      const payload = answer.data?.printShippingLabels;
      setResult(
        answer.error || !payload
          ? { kind: "failed", message: answer.error ? requestErrorText(i18n, answer.error) : i18n.t("common.loadError") }
          : {
              kind: "labels",
              format,
              labelCount: payload.labelCount ?? 0,
              download: payload.download ?? null,
              errors: payload.errors,
            },
      );
      onDone();
    },
    [printLabels, i18n, onDone],
  );

  return {
    result,
    clear: () => setResult(null),
    mark,
    print,
    busy: picking.fetching || packing.fetching || printing.fetching,
  };
}
