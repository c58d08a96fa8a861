import { Button, Paper, Stack } from "@mantine/core";
import type { MessageStatus } from "@nudge/schema";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useMessages } from "../../api/use-messages";
import { useProductStats } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { PageHeader } from "../../ui/page-header";
import { QueryError } from "../../ui/query-error";
import { MessagesEmptyState } from "./messages-empty-state";
import { MessagesSummary } from "./messages-summary";
import { MessagesTable, MessagesTableSkeleton } from "./messages-table";
import { MessagesToolbar } from "./messages-toolbar";
import { NewMessageModal } from "./new-message-modal";
import { usePendingDeleteIds } from "./use-undoable-delete";

export function MessagesPage() {
  const { product, canWrite } = useSession();
  const [status, setStatus] = useState<MessageStatus | "all">("all");
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const list = useMessages(product.id, status);
  const stats = useProductStats(product.id);
  const hidden = usePendingDeleteIds();

  const all = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const messages = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all.filter(
      (m) => !hidden.has(m.id) && (!needle || m.name.toLowerCase().includes(needle)),
    );
  }, [all, search, hidden]);
  // Deleted (or pending delete) messages leave the totals at once, not on the next refetch.
  const gone = all.filter((m) => hidden.has(m.id));
  const summary = stats.data && {
    ...stats.data,
    total: stats.data.total - gone.length,
    active: stats.data.active - gone.filter((m) => m.status === "active").length,
  };

  const filtering = status !== "all" || search.trim() !== "";
  const newButton = canWrite && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New message
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Messages"
        description={`Modals, banners, slideouts and tours shown in ${product.name}.`}
        actions={newButton}
      />
      <Stack gap="lg">
        <MessagesSummary stats={summary || undefined} loading={stats.isPending} />
        <Paper p={0}>
          <MessagesToolbar
            status={status}
            onStatus={setStatus}
            search={search}
            onSearch={setSearch}
          />
          {list.isPending ? (
            <MessagesTableSkeleton />
          ) : list.isError ? (
            <Stack p="md">
              <QueryError error={list.error} onRetry={() => list.refetch()} />
            </Stack>
          ) : messages.length === 0 ? (
            <MessagesEmptyState
              filtering={filtering}
              canWrite={canWrite}
              onCreate={() => setCreating(true)}
              onClear={() => {
                setStatus("all");
                setSearch("");
              }}
            />
          ) : (
            <MessagesTable messages={messages} stats={stats.data} />
          )}
          {list.hasNextPage && (
            <Stack p="md" align="center">
              <Button
                variant="default"
                loading={list.isFetchingNextPage}
                onClick={() => list.fetchNextPage()}
              >
                Load more
              </Button>
            </Stack>
          )}
        </Paper>
      </Stack>
      {canWrite && (
        <NewMessageModal
          productId={product.id}
          opened={creating}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
