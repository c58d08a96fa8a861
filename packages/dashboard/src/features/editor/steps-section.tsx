import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { Button, Menu, Stack, Text } from "@mantine/core";
import type { Step } from "@nudge/schema";
import { IconChevronDown, IconPlus } from "@tabler/icons-react";
import { SectionCard } from "../../ui/section-card";
import { StepTypeIcon, stepTypeLabels } from "../messages/step-type-icon";
import { type DraftStep, newStepKey } from "./editor-draft";
import { useFieldError } from "./field-errors";
import { SortableStepCard } from "./sortable-step-card";
import { stepAnnouncements } from "./step-announcements";
import { stepKeyboardCoordinates } from "./step-keyboard-coordinates";

const maxSteps = 20;

interface Props {
  steps: DraftStep[];
  onChange: (steps: DraftStep[]) => void;
  selected: number;
  onSelect: (index: number) => void;
  disabled: boolean;
}

export function StepsSection({ steps, onChange, selected, onSelect, disabled }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stepKeyboardCoordinates }),
  );
  const stepsError = useFieldError("steps");
  const keys = steps.map((s) => s.key);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = keys.indexOf(String(active.id));
    const to = keys.indexOf(String(over.id));
    onChange(arrayMove(steps, from, to));
    if (selected === from) onSelect(to);
  };
  const add = (type: Step["type"]) => {
    const step: DraftStep = {
      key: newStepKey(),
      type,
      body: "",
      dismissible: true,
      ...(type === "tooltip" ? { selector: "" } : {}),
    };
    onChange([...steps, step]);
    onSelect(steps.length);
  };
  const duplicate = (i: number) => {
    const copy = { ...structuredClone(steps[i]!), key: newStepKey() };
    onChange([...steps.slice(0, i + 1), copy, ...steps.slice(i + 1)]);
    onSelect(i + 1);
  };
  const remove = (i: number) => {
    onChange(steps.filter((_, j) => j !== i));
    onSelect(Math.max(0, Math.min(selected, steps.length - 2)));
  };

  const addMenu = (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          rightSection={<IconChevronDown size={14} />}
          disabled={disabled || steps.length >= maxSteps}
        >
          Add step
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(Object.keys(stepTypeLabels) as Step["type"][]).map((type) => (
          <Menu.Item
            key={type}
            leftSection={<StepTypeIcon type={type} />}
            onClick={() => add(type)}
          >
            {stepTypeLabels[type]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <SectionCard
      id="steps"
      title="Steps"
      description="Played in order: “Next →” between steps, “Done” on the last, × to dismiss."
      actions={addMenu}
    >
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements: stepAnnouncements(keys) }}
      >
        <SortableContext items={keys} strategy={verticalListSortingStrategy}>
          <Stack gap="sm">
            {steps.map((step, i) => (
              <SortableStepCard
                key={step.key}
                step={step}
                index={i}
                count={steps.length}
                expanded={i === selected}
                onExpand={() => onSelect(i)}
                onChange={(s) => onChange(steps.map((x, j) => (j === i ? s : x)))}
                onDuplicate={steps.length < maxSteps ? () => duplicate(i) : undefined}
                onRemove={steps.length > 1 ? () => remove(i) : undefined}
                disabled={disabled}
              />
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
      {stepsError && (
        <Text size="sm" c="red">
          {stepsError}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Reorder by dragging the handle, or focus it and press Space, then the arrow keys, then
        Space.
      </Text>
    </SectionCard>
  );
}
