import { Group, Slider, Stack, Switch, Text, TextInput } from "@mantine/core";
import type { Schedule } from "@nudge/schema";
import { fromLocalInput, toLocalInput } from "../../ui/datetime";
import { SectionCard } from "../../ui/section-card";
import { useFieldError } from "./field-errors";

interface Props {
  schedule: Schedule;
  onSchedule: (s: Schedule) => void;
  priority: number;
  onPriority: (p: number) => void;
  ignoreBudget: boolean;
  onIgnoreBudget: (v: boolean) => void;
}

export function ScheduleSection({
  schedule,
  onSchedule,
  priority,
  onPriority,
  ignoreBudget,
  onIgnoreBudget,
}: Props) {
  const startError = useFieldError("schedule.startsAt");
  const endsAtError = useFieldError("schedule.endsAt");
  const scheduleError = useFieldError("schedule");
  const endError = endsAtError ?? scheduleError;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <SectionCard
      id="schedule"
      title="Schedule and priority"
      description={`When it is live, and which message wins when several match. Times are in ${zone}.`}
    >
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label="Starts"
          description="Empty = as soon as it is active"
          value={toLocalInput(schedule.startsAt)}
          onChange={(e) =>
            onSchedule({ ...schedule, startsAt: fromLocalInput(e.currentTarget.value) })
          }
          error={startError}
        />
        <TextInput
          type="datetime-local"
          label="Ends"
          description="Empty = no end"
          value={toLocalInput(schedule.endsAt)}
          onChange={(e) =>
            onSchedule({ ...schedule, endsAt: fromLocalInput(e.currentTarget.value) })
          }
          error={endError}
        />
      </Group>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500} id="priority-label">
            Priority
          </Text>
          <Text size="sm" fw={600} aria-hidden>
            {priority}
          </Text>
        </Group>
        <Slider
          aria-labelledby="priority-label"
          thumbLabel="Priority"
          min={0}
          max={100}
          step={1}
          value={priority}
          onChange={onPriority}
          marks={[
            { value: 0, label: "0" },
            { value: 50, label: "50" },
            { value: 100, label: "100" },
          ]}
          mb="md"
        />
        <Text size="xs" c="dimmed">
          Higher wins when two messages compete for the same spot on the page.
        </Text>
      </Stack>
      <Switch
        label="Critical notice: ignore the product’s attention budget"
        description="It neither waits for nor counts toward the daily and weekly limits in Settings."
        checked={ignoreBudget}
        onChange={(e) => onIgnoreBudget(e.currentTarget.checked)}
      />
    </SectionCard>
  );
}
