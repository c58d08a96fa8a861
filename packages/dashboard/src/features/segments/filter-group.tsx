import {
  ActionIcon,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import type { Filter } from "@nudge/schema";
import { IconBraces, IconPlus, IconTrash } from "@tabler/icons-react";
import { FilterCondition } from "./filter-condition";
import { fromGroup, type GroupMode, isLeaf, newLeaf, toGroup } from "./filter-model";

const maxDepth = 2;
const modes = [
  { value: "all", label: "All" },
  { value: "any", label: "Any" },
  { value: "none", label: "None" },
];

interface Props {
  value: Filter;
  onChange: (f: Filter) => void;
  onRemove?: () => void;
  errors: Record<string, string>;
  path: string;
  depth: number;
  disabled: boolean;
}

export function FilterGroup({ value, onChange, onRemove, errors, path, depth, disabled }: Props) {
  const group = toGroup(value);
  const setChildren = (children: Filter[]) => onChange(fromGroup(group.mode, children));
  const setChild = (i: number, f: Filter) =>
    setChildren(group.children.map((c, j) => (j === i ? f : c)));
  const removeChild = (i: number) => setChildren(group.children.filter((_, j) => j !== i));
  const groupError = errors[path];
  return (
    <Paper
      p="sm"
      bg={depth === 0 ? undefined : "var(--mantine-color-default-hover)"}
      withBorder={depth > 0}
      role="group"
      aria-label={depth === 0 ? "Conditions" : `Nested group, level ${depth}`}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">Match</Text>
            <SegmentedControl
              size="xs"
              data={modes}
              value={group.mode}
              onChange={(m) => onChange(fromGroup(m as GroupMode, group.children))}
              aria-label="Match all, any or none of these conditions"
              disabled={disabled}
            />
            <Text size="sm">of these conditions</Text>
          </Group>
          {onRemove && (
            <Tooltip label="Remove group">
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={onRemove}
                aria-label="Remove group"
                disabled={disabled}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {group.children.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions yet: {group.mode === "any" ? "nobody" : "everyone"} matches.
          </Text>
        )}
        {group.children.map((child, i) => {
          const childPath = `${path}.${group.childPath}${group.childPath === "not" ? "" : `.${i}`}`;
          return isLeaf(child) ? (
            <FilterCondition
              key={childPath}
              index={i}
              value={child}
              onChange={(f) => setChild(i, f)}
              onRemove={() => removeChild(i)}
              errors={errors}
              path={childPath}
              disabled={disabled}
            />
          ) : (
            <FilterGroup
              key={childPath}
              value={child}
              onChange={(f) => setChild(i, f)}
              onRemove={() => removeChild(i)}
              errors={errors}
              path={childPath}
              depth={depth + 1}
              disabled={disabled}
            />
          );
        })}
        {groupError && (
          <Text size="xs" c="red">
            {groupError}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setChildren([...group.children, newLeaf()])}
            disabled={disabled}
          >
            Add condition
          </Button>
          {depth < maxDepth && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={<IconBraces size={14} />}
              onClick={() => setChildren([...group.children, { or: [newLeaf()] }])}
              disabled={disabled}
            >
              Add group
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
