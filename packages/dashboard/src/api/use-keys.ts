import type { ApiKey, KeyType } from "@nudge/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

export type CreatedKey = ApiKey & { key: string };

export function useKeys(productId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.keys(productId),
    enabled,
    queryFn: async ({ signal }) =>
      (await api<{ items: ApiKey[] }>(productPath(productId, "/keys"), { signal })).items,
  });
}

export function useCreateKey(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { type: KeyType; name: string }) =>
      api<CreatedKey>(productPath(productId, "/keys"), { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.keys(productId) }),
  });
}

export function useRevokeKey(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api<void>(productPath(productId, `/keys/${encodeURIComponent(keyId)}`), {
        method: "DELETE",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.keys(productId) }),
  });
}
