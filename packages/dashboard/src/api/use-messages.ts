import type { Message, MessageCreate, MessageReplace, MessageStatus } from "@nudge/schema";
import {
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/** Messages of a product, newest first, 100 per page; `status` filters on the server. */
export function useMessages(productId: string, status: MessageStatus | "all") {
  return useInfiniteQuery({
    queryKey: queryKeys.messageList(productId, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: "100" });
      if (status !== "all") query.set("status", status);
      if (pageParam) query.set("cursor", pageParam);
      return api<MessagePage>(productPath(productId, `/messages?${query}`), { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMessage(productId: string, id: string) {
  return useQuery({
    queryKey: queryKeys.message(productId, id),
    queryFn: ({ signal }) => fetchMessage(productId, id, signal),
  });
}

/** Several messages by id (an experiment's arms), each cached as `useMessage` caches it. */
export function useMessagesById(productId: string, ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.message(productId, id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchMessage(productId, id, signal),
    })),
  });
}

export function fetchMessage(productId: string, id: string, signal?: AbortSignal) {
  return api<Message>(productPath(productId, `/messages/${encodeURIComponent(id)}`), {
    ...(signal ? { signal } : {}),
  });
}

export function useCreateMessage(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MessageCreate) =>
      api<Message>(productPath(productId, "/messages"), { method: "POST", body: input }),
    onSuccess: (message) => {
      client.setQueryData(queryKeys.message(productId, message.id), message);
      return client.invalidateQueries({ queryKey: queryKeys.messages(productId) });
    },
  });
}

export function useReplaceMessage(productId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MessageReplace) =>
      api<Message>(productPath(productId, `/messages/${encodeURIComponent(id)}`), {
        method: "PUT",
        body: input,
      }),
    onSuccess: (message) => {
      client.setQueryData(queryKeys.message(productId, id), message);
      return client.invalidateQueries({ queryKey: queryKeys.messages(productId), exact: false });
    },
  });
}

/** Sends the DELETE; `keepalive` lets it finish while the page unloads. */
export function deleteMessage(productId: string, id: string, keepalive = false) {
  return api<void>(productPath(productId, `/messages/${encodeURIComponent(id)}`), {
    method: "DELETE",
    keepalive,
  });
}
