import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import {
  ActionIcon,
  Badge,
  Group,
  Paper,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import {
  IconChevronDown,
  IconChevronRight,
  IconCopy,
  IconGripVertical,
  IconTrash,
} from "@tabler/icons-react";
import { StepTypeIcon, stepTypeLabels } from "../messages/step-type-icon";
import type { DraftStep } from "./editor-draft";
import { useErrorsUnder } from "./field-errors";
import { StepFields } from "./step-fields";

interface Props {
  step: DraftStep;
  index: number;
  count: number;
  expanded: boolean;
  onExpand: () => void;
  onChange: (step: DraftStep) => void;
  onDuplicate: (() => void) | undefined;
  onRemove: (() => void) | undefined;
  disabled: boolean;
}

export function SortableStepCard({
  step,
  index,
  count,
  expanded,
  onExpand,
  onChange,
  onDuplicate,
  onRemove,
  disabled,
}: Props) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: step.key, disabled });
  const errors = useErrorsUnder(`steps.${index}`);
  const n = index + 1;
  const summary =
    step.title || step.body || (step.type === "tooltip" ? step.selector : "") || "Empty step";
  return (
    <Paper
      ref={setNodeRef}
      data-testid="step-card"
      p="sm"
      shadow={isDragging ? "md" : undefined}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        zIndex: isDragging ? 2 : undefined,
        position: "relative",
        borderColor: expanded ? "var(--mantine-primary-color-filled)" : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray"
          style={{ cursor: "grab", touchAction: "none" }}
          aria-label={`Reorder step ${n} of ${count}`}
          disabled={disabled}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={18} />
        </ActionIcon>
        <UnstyledButton
          onClick={onExpand}
          style={{ flex: 1, minWidth: 0 }}
          aria-expanded={expanded}
          aria-label={`Step ${n}: ${stepTypeLabels[step.type]}${expanded ? "" : ", edit"}`}
        >
          <Group gap="xs" wrap="nowrap">
            {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <ThemeIcon variant="light" size="md" radius="sm">
              <StepTypeIcon type={step.type} />
            </ThemeIcon>
            <Text fw={600} size="sm" style={{ whiteSpace: "nowrap" }}>
              Step {n} · {stepTypeLabels[step.type]}
            </Text>
            {!expanded && (
              <Text size="sm" c="dimmed" truncate>
                {summary}
              </Text>
            )}
          </Group>
        </UnstyledButton>
        {errors.length > 0 && (
          <Badge color="red" variant="light" size="sm">
            Needs attention
          </Badge>
        )}
        {onDuplicate && (
          <Tooltip label="Duplicate step">
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onDuplicate}
              aria-label={`Duplicate step ${n}`}
              disabled={disabled}
            >
              <IconCopy size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        <Tooltip label={onRemove ? "Remove step" : "A message needs at least one step"}>
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={`Remove step ${n}`}
            disabled={disabled || !onRemove}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {expanded && <StepFields step={step} index={index} onChange={onChange} />}
    </Paper>
  );
}
