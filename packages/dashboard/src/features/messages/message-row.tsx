import { ActionIcon, Anchor, Group, Menu, Table, Text, Tooltip } from "@mantine/core";
import type { Message } from "@nudge/schema";
import {
  IconChartBar,
  IconDots,
  IconEye,
  IconPencil,
  IconStethoscope,
  IconTrash,
} from "@tabler/icons-react";
import { Link } from "react-router";
import type { InteractionCounts } from "../../api/types";
import { useSession } from "../../app/session-context";
import { formatNumber, formatPercent } from "../../ui/format";
import { describeSchedule, describeTrigger } from "./describe-message";
import { StatusBadge } from "./status-badge";
import { StepTypeIcons } from "./step-type-icon";
import { useUndoableDelete } from "./use-undoable-delete";

interface Props {
  message: Message;
  counts: InteractionCounts | undefined;
  statsLoaded: boolean;
}

export function MessageRow({ message: m, counts, statsLoaded }: Props) {
  const { product, canWrite } = useSession();
  const remove = useUndoableDelete(product.id);
  const impressions = counts?.impression ?? 0;
  const ctr = impressions > 0 ? (counts?.cta_click ?? 0) / impressions : null;
  return (
    <Table.Tr data-testid="message-row" data-message-id={m.id}>
      <Table.Td maw={0}>
        <Anchor
          component={Link}
          to={`/messages/${m.id}`}
          fw={600}
          size="sm"
          c="var(--mantine-color-text)"
          display="block"
          lineClamp={2}
        >
          {m.name}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          {describeTrigger(m.trigger)}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={m.status} />
      </Table.Td>
      <Table.Td>
        <StepTypeIcons steps={m.steps} />
      </Table.Td>
      <Table.Td ta="right" visibleFrom="lg">
        <Text size="sm">{m.priority}</Text>
      </Table.Td>
      <Table.Td visibleFrom="lg">
        <Text size="sm" c={m.schedule.startsAt || m.schedule.endsAt ? undefined : "dimmed"}>
          {describeSchedule(m.schedule)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{statsLoaded ? formatNumber(impressions) : "—"}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c={ctr === null ? "dimmed" : undefined}>
          {ctr === null ? "—" : formatPercent(ctr)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={canWrite ? "Edit" : "View"}>
            <ActionIcon
              component={Link}
              to={`/messages/${m.id}`}
              variant="subtle"
              color="gray"
              aria-label={`${canWrite ? "Edit" : "View"} ${m.name}`}
            >
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Preview">
            <ActionIcon
              component={Link}
              to={`/messages/${m.id}/preview`}
              variant="subtle"
              color="gray"
              aria-label={`Preview ${m.name}`}
            >
              <IconEye size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Stats">
            <ActionIcon
              component={Link}
              to={`/messages/${m.id}/stats`}
              variant="subtle"
              color="gray"
              aria-label={`Stats for ${m.name}`}
            >
              <IconChartBar size={18} />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${m.name}`}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                component={Link}
                to={`/messages/${m.id}/diagnose`}
                leftSection={<IconStethoscope size={16} />}
              >
                Why isn’t it showing?
              </Menu.Item>
              {canWrite && (
                <>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => remove(m)}
                  >
                    Delete
                  </Menu.Item>
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
