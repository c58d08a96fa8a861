import { Group, NumberInput, Select } from "@mantine/core";
import type { Frequency } from "@nudge/schema";
import { SectionCard } from "../../ui/section-card";
import { useFieldError } from "./field-errors";

const caps = [
  { value: "ever", label: "Once ever (recommended)" },
  { value: "day", label: "Once per day" },
  { value: "session", label: "Once per browser session" },
  { value: "none", label: "No cap" },
];

const capHelp: Record<Frequency["cap"], string> = {
  ever: "After a user dismisses, clicks the button or finishes, they never see it again.",
  day: "At most once every 24 hours after the user’s last dismiss, click or finish.",
  session: "Again in each new browser session; enforced by the SDK.",
  none: "Dismissing does not stop it; use the limits below.",
};

const optionalNumber = (v: string | number) => (typeof v === "number" ? v : undefined);

export function FrequencySection({
  value,
  onChange,
}: {
  value: Frequency;
  onChange: (f: Frequency) => void;
}) {
  const errors = {
    maxImpressions: useFieldError("frequency.maxImpressions"),
    minIntervalHours: useFieldError("frequency.minIntervalHours"),
    dismissDays: useFieldError("frequency.dismissDays"),
  };
  const set = (patch: Partial<Frequency>) => onChange({ ...value, ...patch });
  return (
    <SectionCard
      id="frequency"
      title="Frequency"
      description="How often one user may see it. Only dismiss, button click and finish count toward the cap."
    >
      <Select
        label="Cap"
        data={caps}
        value={value.cap}
        allowDeselect={false}
        onChange={(c) => c && set({ cap: c as Frequency["cap"] })}
        description={capHelp[value.cap]}
      />
      <Group grow align="flex-start">
        <NumberInput
          label="Max impressions"
          description="Per user, in total"
          placeholder="No limit"
          min={1}
          allowDecimal={false}
          value={value.maxImpressions ?? ""}
          onChange={(v) => set({ maxImpressions: optionalNumber(v) })}
          error={errors.maxImpressions}
        />
        <NumberInput
          label="Hours between"
          description="Since the last impression"
          placeholder="None"
          min={0}
          value={value.minIntervalHours ?? ""}
          onChange={(v) => set({ minIntervalHours: optionalNumber(v) })}
          error={errors.minIntervalHours}
        />
        <NumberInput
          label="Quiet days after dismiss"
          description="Since the last ×"
          placeholder="None"
          min={0}
          value={value.dismissDays ?? ""}
          onChange={(v) => set({ dismissDays: optionalNumber(v) })}
          error={errors.dismissDays}
        />
      </Group>
    </SectionCard>
  );
}
