import { Anchor, Badge, Button, Group, Menu, SegmentedControl, Text, Tooltip } from "@mantine/core";
import type { Message, MessageStatus } from "@nudge/schema";
import {
  IconArrowLeft,
  IconArrowsSplit,
  IconChartBar,
  IconDeviceFloppy,
  IconDots,
  IconEye,
  IconFlask,
  IconStethoscope,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../ui/page-header";
import { StatusBadge } from "../messages/status-badge";
import { CreateVariantModal } from "./create-variant-modal";

const statuses = [
  { value: "draft", label: "Draft" },
  { value: "active", label: "Active" },
  { value: "paused", label: "Paused" },
];

interface Props {
  message: Message;
  name: string;
  status: MessageStatus;
  onStatus: (s: MessageStatus) => void;
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  canWrite: boolean;
}

export function EditorHeader({
  message,
  name,
  status,
  onStatus,
  dirty,
  saving,
  onSave,
  canWrite,
}: Props) {
  const [creatingVariant, setCreatingVariant] = useState(false);
  const above = (
    <Anchor component={Link} to="/messages" size="sm" c="dimmed">
      <Group gap={4}>
        <IconArrowLeft size={14} /> Messages
      </Group>
    </Anchor>
  );
  const title = (
    <Group gap="sm" wrap="nowrap">
      <Text inherit truncate maw={420}>
        {name.trim() || "Untitled message"}
      </Text>
      <StatusBadge status={message.status} />
      {message.experimentId && (
        <Tooltip label={`Arm “${message.variantKey ?? "?"}”: open the A/B test and its results`}>
          <Badge
            component={Link}
            to={`/experiments/${message.experimentId}`}
            variant="outline"
            color="grape"
            size="sm"
            style={{ cursor: "pointer" }}
          >
            A/B test
          </Badge>
        </Tooltip>
      )}
      {dirty && (
        <Badge variant="dot" color="orange" size="sm" data-testid="unsaved-badge">
          Unsaved changes
        </Badge>
      )}
    </Group>
  );
  const actions = (
    <>
      <Tooltip
        label={dirty ? "Opens the last saved version" : "Rehearse it without recording events"}
      >
        <Button
          component={Link}
          to={`/messages/${message.id}/preview`}
          variant="default"
          leftSection={<IconEye size={16} />}
        >
          Preview
        </Button>
      </Tooltip>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" px="xs" aria-label="More message actions">
            <IconDots size={18} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            component={Link}
            to={`/messages/${message.id}/stats`}
            leftSection={<IconChartBar size={16} />}
          >
            Stats
          </Menu.Item>
          <Menu.Item
            component={Link}
            to={`/messages/${message.id}/diagnose`}
            leftSection={<IconStethoscope size={16} />}
          >
            Why isn’t it showing?
          </Menu.Item>
          {message.experimentId && (
            <Menu.Item
              component={Link}
              to={`/experiments/${message.experimentId}`}
              leftSection={<IconFlask size={16} />}
            >
              A/B test results
            </Menu.Item>
          )}
          {canWrite && (
            <>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconArrowsSplit size={16} />}
                onClick={() => setCreatingVariant(true)}
              >
                Create A/B variant
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {canWrite && (
        <CreateVariantModal
          message={message}
          dirty={dirty}
          opened={creatingVariant}
          onClose={() => setCreatingVariant(false)}
        />
      )}
      {canWrite && (
        <>
          <SegmentedControl
            aria-label="Status"
            data={statuses}
            value={status}
            onChange={(s) => onStatus(s as MessageStatus)}
          />
          <Button
            onClick={onSave}
            loading={saving}
            leftSection={<IconDeviceFloppy size={16} />}
            disabled={!dirty && !saving}
            aria-keyshortcuts="Control+S"
          >
            Save
          </Button>
        </>
      )}
    </>
  );
  return <PageHeader above={above} title={title} actions={actions} />;
}
