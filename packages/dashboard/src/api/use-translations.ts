import type { TranslationsExport, TranslationsImport } from "@nudge/schema";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

const path = (productId: string, id: string) =>
  productPath(productId, `/messages/${encodeURIComponent(id)}/translations`);

/** The message's texts and translations as the translators' JSON file. */
export const fetchTranslations = (productId: string, id: string) =>
  api<TranslationsExport>(path(productId, id));

/** Imports a translators' file; the message's cache is refreshed from the server afterwards. */
export function useImportTranslations(productId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: TranslationsImport) =>
      api<TranslationsExport>(path(productId, id), { method: "PUT", body: file }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.message(productId, id) }),
  });
}
