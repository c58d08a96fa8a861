import {
  ActionIcon,
  Button,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import type { Segment } from "@nudge/schema";
import { IconPencil, IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { useState } from "react";
import { useSegments } from "../../api/use-segments";
import { useSession } from "../../app/session-context";
import { formatRelative } from "../../ui/format";
import { PageHeader } from "../../ui/page-header";
import { QueryError } from "../../ui/query-error";
import { DeleteSegmentButton } from "./delete-segment-button";
import { countConditions } from "./filter-model";
import { ScoresCard } from "./scores-card";
import { SegmentModal } from "./segment-modal";

export function SegmentsPage() {
  const { product, canWrite } = useSession();
  const segments = useSegments(product.id);
  const [editing, setEditing] = useState<Segment | "new" | null>(null);
  return (
    <>
      <PageHeader
        title="Segments"
        description="Reusable audiences built from user traits, evaluated live when a message is fetched."
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              New segment
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper p={0}>
          {segments.isPending ? (
            <Stack p="md">
              <Skeleton h={20} />
              <Skeleton h={20} />
              <Skeleton h={20} />
            </Stack>
          ) : segments.isError ? (
            <Stack p="md">
              <QueryError error={segments.error} onRetry={() => segments.refetch()} />
            </Stack>
          ) : segments.data.length === 0 ? (
            <EmptyState
              py={56}
              variant="light"
              icon={<IconUsersGroup size={28} />}
              title="No segments yet"
              description="A segment is a named set of users, e.g. “Pro plan, signed up after March”. Use it as a message’s audience."
            >
              {canWrite && (
                <EmptyState.Actions>
                  <Button onClick={() => setEditing("new")}>Create a segment</Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          ) : (
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th w={140}>Conditions</Table.Th>
                  <Table.Th w={160}>Updated</Table.Th>
                  <Table.Th w={100} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {segments.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {s.name}
                      </Text>
                      {s.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {s.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{countConditions(s.filter)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatRelative(s.updatedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label={canWrite ? "Edit" : "View"}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            onClick={() => setEditing(s)}
                            aria-label={`${canWrite ? "Edit" : "View"} ${s.name}`}
                          >
                            <IconPencil size={18} />
                          </ActionIcon>
                        </Tooltip>
                        {canWrite && <DeleteSegmentButton segment={s} />}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <ScoresCard />
      </Stack>
      {editing !== null && (
        <SegmentModal
          segment={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
