import type { TraitKeys, UserTraits } from "@nudge/schema";
import { useQuery } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

/** Trait keys the product's people carry, for placeholder suggestions. */
export function useTraitKeys(productId: string) {
  return useQuery({
    queryKey: queryKeys.traitKeys(productId),
    queryFn: ({ signal }) => api<TraitKeys>(productPath(productId, "/trait-keys"), { signal }),
  });
}

/** One person's stored traits (a sample user for previews); idle until an id is given. */
export function useUserTraits(productId: string, distinctId: string) {
  return useQuery({
    queryKey: queryKeys.userTraits(productId, distinctId),
    enabled: distinctId !== "",
    queryFn: ({ signal }) =>
      api<UserTraits>(productPath(productId, `/users/${encodeURIComponent(distinctId)}`), {
        signal,
      }),
  });
}
