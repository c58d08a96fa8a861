import type { Filter, Segment, SegmentInput } from "@nudge/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

export function useSegments(productId: string) {
  return useQuery({
    queryKey: queryKeys.segments(productId),
    queryFn: async ({ signal }) =>
      (await api<{ items: Segment[] }>(productPath(productId, "/segments"), { signal })).items,
  });
}

/** How many users a (valid) filter matches now; null filter = nothing to count yet. */
export function useSegmentCount(productId: string, filter: Filter | null) {
  const key = filter ? JSON.stringify(filter) : "";
  return useQuery({
    queryKey: queryKeys.segmentCount(productId, key),
    enabled: filter !== null,
    staleTime: 30_000,
    queryFn: ({ signal }) =>
      api<{ matched: number; total: number }>(productPath(productId, "/segments/count"), {
        method: "POST",
        body: { filter },
        signal,
      }),
  });
}

export function useSaveSegment(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SegmentInput }) =>
      id
        ? api<Segment>(productPath(productId, `/segments/${encodeURIComponent(id)}`), {
            method: "PUT",
            body: input,
          })
        : api<Segment>(productPath(productId, "/segments"), { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.segments(productId) }),
  });
}

export function useDeleteSegment(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(productPath(productId, `/segments/${encodeURIComponent(id)}`), {
        method: "DELETE",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.segments(productId) }),
  });
}

export function useUploadScores(productId: string) {
  return useMutation({
    mutationFn: (scores: { distinctId: string; churnProb: number }[]) =>
      api<{ upserted: number }>(productPath(productId, "/scores"), {
        method: "POST",
        body: { scores },
      }),
  });
}
