import type { SetupInput } from "@nudge/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-error";
import { api } from "./client";
import { queryKeys } from "./query-keys";
import type { Me, SetupResult } from "./types";

/** The logged-in account, or null when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        return await api<Me>("/me");
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<Me>("/auth/login", { method: "POST", body: input }),
    onSuccess: (me) => {
      client.clear();
      client.setQueryData(queryKeys.me, me);
    },
  });
}

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api<SetupResult>("/setup", { method: "POST", body: input }),
    onSuccess: async () => {
      client.clear();
      await client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/auth/logout", { method: "POST" }),
    onSettled: () => {
      client.clear();
      client.setQueryData(queryKeys.me, null);
    },
  });
}
