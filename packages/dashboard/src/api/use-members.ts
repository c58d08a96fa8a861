import type { Role } from "@nudge/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { queryKeys } from "./query-keys";
import type { Member } from "./types";

const base = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}/members`;

export function useMembers(orgId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.members(orgId),
    enabled,
    queryFn: async ({ signal }) => (await api<{ items: Member[] }>(base(orgId), { signal })).items,
  });
}

function useMemberMutation<T, R>(orgId: string, fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(orgId) }),
  });
}

export const useAddMember = (orgId: string) =>
  useMemberMutation(orgId, (input: { email: string; password: string; role: Role }) =>
    api<Member>(base(orgId), { method: "POST", body: input }),
  );

export const useSetMemberRole = (orgId: string) =>
  useMemberMutation(orgId, (input: { accountId: string; role: Role }) =>
    api<void>(`${base(orgId)}/${encodeURIComponent(input.accountId)}`, {
      method: "PATCH",
      body: { role: input.role },
    }),
  );

export const useRemoveMember = (orgId: string) =>
  useMemberMutation(orgId, (accountId: string) =>
    api<void>(`${base(orgId)}/${encodeURIComponent(accountId)}`, { method: "DELETE" }),
  );
