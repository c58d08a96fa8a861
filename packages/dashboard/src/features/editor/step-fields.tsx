import { Group, Select, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { type Step, stepTypes } from "@nudge/schema";
import { useContext } from "react";
import { monoInput } from "../../ui/mono-input";
import { stepTypeLabels } from "../messages/step-type-icon";
import type { DraftStep } from "./editor-draft";
import { FieldErrorsContext } from "./field-errors";
import { RichContentRow } from "./rich-content-row";

const typeData = stepTypes.map((t) => ({ value: t, label: stepTypeLabels[t] }));

/** The fields of one step; which ones show depends on its type. */
export function StepFields({
  step,
  index,
  onChange,
}: {
  step: DraftStep;
  index: number;
  onChange: (s: DraftStep) => void;
}) {
  const errors = useContext(FieldErrorsContext);
  const err = (field: string) => errors[`steps.${index}.${field}`];
  const set = (patch: Partial<DraftStep>) => onChange({ ...step, ...patch });
  const text = (field: "title" | "body" | "selector" | "imageUrl" | "ctaText" | "ctaUrl") => ({
    value: step[field] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set({ [field]: e.currentTarget.value }),
    error: err(field),
  });
  const n = index + 1;
  return (
    <Stack gap="sm" mt="sm" pl={36}>
      <Group grow align="flex-start">
        <Select
          label="Type"
          data={typeData}
          value={step.type}
          allowDeselect={false}
          onChange={(t) => t && set({ type: t as Step["type"] })}
          error={err("type")}
          aria-label={`Step ${n} type`}
        />
        {step.type === "tooltip" && (
          <TextInput
            label="Anchor selector"
            description="CSS selector of the element it points at"
            placeholder="#upgrade-button"
            required
            styles={monoInput}
            {...text("selector")}
          />
        )}
      </Group>
      <TextInput label="Title" placeholder="What is new" maxLength={200} {...text("title")} />
      <Textarea
        label="Body"
        placeholder="One or two sentences. Say what to do next."
        autosize
        minRows={2}
        maxRows={8}
        maxLength={5000}
        {...text("body")}
      />
      {(step.type === "modal" || step.type === "slideout") && (
        <TextInput label="Image URL" placeholder="https://…/hero.png" {...text("imageUrl")} />
      )}
      <Group grow align="flex-start">
        <TextInput label="Button label" placeholder="Try it" maxLength={100} {...text("ctaText")} />
        <TextInput label="Button link" placeholder="/settings/billing" {...text("ctaUrl")} />
      </Group>
      <Switch
        label="Users can dismiss it (× button and Escape)"
        checked={step.dismissible}
        onChange={(e) => set({ dismissible: e.currentTarget.checked })}
      />
      <RichContentRow step={step} index={index} onChange={onChange} />
    </Stack>
  );
}
