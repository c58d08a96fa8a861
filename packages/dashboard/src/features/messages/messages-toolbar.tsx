import { CloseButton, Group, SegmentedControl, TextInput } from "@mantine/core";
import type { MessageStatus } from "@nudge/schema";
import { IconSearch } from "@tabler/icons-react";

const statuses = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "draft", label: "Draft" },
  { value: "paused", label: "Paused" },
];

interface Props {
  status: MessageStatus | "all";
  onStatus: (status: MessageStatus | "all") => void;
  search: string;
  onSearch: (search: string) => void;
}

export function MessagesToolbar({ status, onStatus, search, onSearch }: Props) {
  return (
    <Group
      justify="space-between"
      p="md"
      gap="md"
      style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
    >
      <SegmentedControl
        aria-label="Filter by status"
        data={statuses}
        value={status}
        onChange={(v) => onStatus(v as MessageStatus | "all")}
        size="sm"
      />
      <TextInput
        aria-label="Search messages"
        placeholder="Search by name"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        rightSection={
          search ? (
            <CloseButton size="sm" aria-label="Clear search" onClick={() => onSearch("")} />
          ) : null
        }
        w={280}
      />
    </Group>
  );
}
