import { useQuery } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";
import type { Diagnosis, EventName, MessageStats, ProductStats } from "./types";

export function useProductStats(productId: string) {
  return useQuery({
    queryKey: queryKeys.productStats(productId),
    queryFn: ({ signal }) =>
      api<ProductStats>(productPath(productId, "/stats?days=30"), { signal }),
  });
}

export function useMessageStats(productId: string, id: string, days: number) {
  return useQuery({
    queryKey: queryKeys.messageStats(productId, id, days),
    queryFn: ({ signal }) =>
      api<MessageStats>(
        productPath(productId, `/messages/${encodeURIComponent(id)}/stats?days=${days}`),
        { signal },
      ),
  });
}

export function useEventNames(productId: string) {
  return useQuery({
    queryKey: queryKeys.eventNames(productId),
    queryFn: async ({ signal }) =>
      (await api<{ items: EventName[] }>(productPath(productId, "/event-names"), { signal })).items,
    staleTime: 60_000,
  });
}

export interface DiagnoseInput {
  distinctId: string;
  path: string;
  event: string;
}

export function runDiagnose(productId: string, id: string, input: DiagnoseInput) {
  const query = new URLSearchParams({ distinct_id: input.distinctId });
  if (input.path) query.set("path", input.path);
  if (input.event) query.set("event", input.event);
  return api<Diagnosis>(
    productPath(productId, `/messages/${encodeURIComponent(id)}/diagnose?${query}`),
  );
}
