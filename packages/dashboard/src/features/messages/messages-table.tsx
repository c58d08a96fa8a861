import { Skeleton, Table, VisuallyHidden } from "@mantine/core";
import type { Message } from "@nudge/schema";
import type { ProductStats } from "../../api/types";
import { MessageRow } from "./message-row";

export function MessagesTable({
  messages,
  stats,
}: {
  messages: Message[];
  stats: ProductStats | undefined;
}) {
  const byMessage = new Map(stats?.messages.map((m) => [m.messageId, m.counts]) ?? []);
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={104}>Status</Table.Th>
            <Table.Th w={104}>Steps</Table.Th>
            <Table.Th w={76} ta="right" visibleFrom="lg">
              Priority
            </Table.Th>
            <Table.Th w={150} visibleFrom="lg">
              Schedule
            </Table.Th>
            <Table.Th w={104} ta="right">
              Impressions
            </Table.Th>
            <Table.Th w={64} ta="right">
              CTR
            </Table.Th>
            <Table.Th w={136}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => (
            <MessageRow
              key={m.id}
              message={m}
              counts={byMessage.get(m.id)}
              statsLoaded={Boolean(stats)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MessagesTableSkeleton() {
  return (
    <Table
      verticalSpacing="sm"
      horizontalSpacing="md"
      aria-busy="true"
      aria-label="Loading messages"
    >
      <Table.Tbody>
        {[0, 1, 2, 3].map((i) => (
          <Table.Tr key={i}>
            <Table.Td>
              <Skeleton h={14} w="60%" mb={6} />
              <Skeleton h={10} w="35%" />
            </Table.Td>
            <Table.Td w={96}>
              <Skeleton h={18} w={56} />
            </Table.Td>
            <Table.Td w={120}>
              <Skeleton h={18} w={70} />
            </Table.Td>
            <Table.Td w={330}>
              <Skeleton h={14} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
