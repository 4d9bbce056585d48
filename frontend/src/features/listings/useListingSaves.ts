"use client";

import { useCallback, useState } from "react";
import { useMutation } from "urql";
import { useI18n } from "@/i18n/I18nProvider";
import { requestErrorText } from "@/features/integrations/errors";
import { notify } from "@/features/integrations/notify";
import { draftKeyOf, EMPTY_DRAFT, editOf, variationChanges, type Draft, type Edit, type Listing } from "./edits";
import { UpdateListingMutation, UpdateVariationsMutation } from "./queries";

/** An edit Mercado Livre or a colleague overtook: nothing was sent; the user chooses. */
export interface Conflict {
  edit: Edit;
  seen: Listing;
  current: Listing;
}

type FieldErrors = Record<string, Record<string, string>>;

/**
 * The screen's inline edits: the drafts typed per listing, each save naming the version the user saw
 * (`expectedUpdatedAt`), field errors under their fields, and the conflict awaiting a choice.
 */
export function useListingSaves() {
  const i18n = useI18n();
  const { t } = i18n;
  const [, updateListing] = useMutation(UpdateListingMutation);
  const [, updateVariations] = useMutation(UpdateVariationsMutation);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const errorText = useCallback(
    (code: string, message: string) => {
      const key = `listings.error.${code}`;
      return i18n.has(key) ? i18n.t(key) : message;
    },
    [i18n],
  );

  const clear = useCallback((id: string) => {
    setDrafts(({ [id]: _dropped, ...rest }) => rest);
    setErrors(({ [id]: _dropped, ...rest }) => rest);
  }, []);

  const send = useCallback(
    async (listing: Listing, edit: Edit, seen: Listing) => {
      const expectedUpdatedAt = seen.updatedAt;
      setSaving(listing.id);
      const answer =
        edit.kind === "listing"
          ? await updateListing({
              id: listing.id,
              input: {
                ...(edit.price !== undefined ? { price: edit.price } : {}),
                ...(edit.stock !== undefined ? { availableQuantity: edit.stock } : {}),
                ...(edit.status !== undefined ? { status: edit.status } : {}),
              },
              expectedUpdatedAt,
            })
          : await updateVariations({ listingId: listing.id, variations: variationChanges(listing, edit), expectedUpdatedAt });
      setSaving(null);
      const payload = answer.data ? ("updateListing" in answer.data ? answer.data.updateListing : answer.data.updateVariations) : null;
      if (answer.error || !payload) {
        const message = answer.error ? requestErrorText(i18n, answer.error) : t("listings.failed");
        notify({ color: "red", title: t("listings.failed"), message, closeLabel: t("common.close") });
        return;
      }
      const conflicted = payload.errors.some((error) => error.code === "CONFLICT");
      if (conflicted && payload.listing) {
        setConflict({ edit, seen, current: payload.listing });
        return;
      }
      if (payload.errors.length > 0) {
        const under: Record<string, string> = {};
        const loose: string[] = [];
        for (const error of payload.errors) {
          const key = draftKeyOf(listing, error.field);
          const text = errorText(error.code, error.message);
          if (key && key !== "id" && key !== "input" && key !== "expectedUpdatedAt") under[key] = text;
          else loose.push(text);
        }
        setErrors((old) => ({ ...old, [listing.id]: under }));
        if (loose.length > 0 || Object.keys(under).length === 0) {
          notify({ color: "red", title: t("listings.failed"), message: loose.join(" "), closeLabel: t("common.close") });
        }
        return;
      }
      clear(listing.id);
      notify({
        color: "meliBlue",
        title: t("listings.saved"),
        message: t("listings.savedBody", { title: listing.title }),
        closeLabel: t("common.close"),
        testId: "listing-saved",
      });
    },
    [updateListing, updateVariations, i18n, t, errorText, clear],
  );

  const setDraft = useCallback((listing: Listing, change: (draft: Draft) => Draft) => {
    const id = listing.id;
    setDrafts((old) => {
      const draft = old[id] ?? EMPTY_DRAFT;
      return { ...old, [id]: { ...change(draft), base: draft.base ?? listing } };
    });
    setErrors(({ [id]: _dropped, ...rest }) => rest);
  }, []);

  const save = useCallback(
    (listing: Listing) => {
      const { edit, invalid } = editOf(listing, drafts[listing.id] ?? EMPTY_DRAFT);
      if (invalid.length > 0) {
        setErrors((old) => ({ ...old, [listing.id]: Object.fromEntries(invalid.map((key) => [key, t("listings.invalidNumber")])) }));
        return;
      }
      if (edit) void send(listing, edit, drafts[listing.id]?.base ?? listing);
    },
    [drafts, send, t],
  );

  const setStatus = useCallback(
    (listing: Listing, status: string) => void send(listing, { kind: "listing", status }, listing),
    [send],
  );

  /** "Manter os meus": the same change, on the version the conflict showed. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    setConflict(null);
    void send(conflict.current, conflict.edit, conflict.current);
  }, [conflict, send]);

  /** "Usar os do Mercado Livre": the draft goes, nothing is sent; the row shows the current values. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    clear(conflict.seen.id);
    setConflict(null);
    notify({
      color: "meliBlue",
      title: t("conflict.takeTheirs"),
      message: t("conflict.takenBody"),
      closeLabel: t("common.close"),
    });
  }, [conflict, clear, t]);

  return { drafts, errors, saving, conflict, setDraft, clear, save, setStatus, keepMine, takeTheirs };
}
