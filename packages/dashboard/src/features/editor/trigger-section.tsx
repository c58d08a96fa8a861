import {
  Autocomplete,
  Code,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useEventNames } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";
import type { TriggerForm } from "./editor-draft";
import { useFieldError } from "./field-errors";
import { UrlRegexField } from "./url-regex-field";

const autoCaptured = ["$pageview", "$click", "$form_submit"];

const types = [
  { value: "page", label: "Page view" },
  { value: "event", label: "Event" },
  { value: "milestone", label: "Milestone" },
  { value: "manual", label: "Manual" },
];

const help: Record<TriggerForm["type"], string> = {
  page: "Shows when a page loads (including single-page app route changes).",
  event:
    "Shows when your app tracks this event, or on an auto-captured click, form submit or page view.",
  milestone: "Shows once the user has reached a milestone (it stays reached across sessions).",
  manual: "Shows only when your code calls show() with this message’s id.",
};

export function TriggerSection({
  value,
  onChange,
  messageId,
}: {
  value: TriggerForm;
  onChange: (t: TriggerForm) => void;
  messageId: string;
}) {
  const { product } = useSession();
  const eventNames = useEventNames(product.id);
  const eventError = useFieldError("trigger.event");
  const milestoneError = useFieldError("trigger.milestone");
  const delayError = useFieldError("trigger.delaySeconds");
  const set = (patch: Partial<TriggerForm>) => onChange({ ...value, ...patch });
  const seen = eventNames.data?.map((e) => e.name).filter((n) => !autoCaptured.includes(n)) ?? [];
  const suggestions = [
    { group: "Auto-captured", items: autoCaptured },
    ...(seen.length ? [{ group: "Seen from your app", items: seen }] : []),
  ];

  return (
    <SectionCard id="trigger" title="Trigger" description="When the message shows.">
      <Stack gap={6}>
        <SegmentedControl
          aria-label="Trigger type"
          data={types}
          value={value.type}
          onChange={(type) => set({ type: type as TriggerForm["type"] })}
          fullWidth
        />
        <Text size="xs" c="dimmed">
          {help[value.type]}
        </Text>
      </Stack>
      {value.type === "event" && (
        <Autocomplete
          label="Event name"
          description="Pick an event your app has sent, or type a new one"
          placeholder="$pageview"
          data={suggestions}
          value={value.event}
          onChange={(event) => set({ event })}
          error={eventError}
          required
          maxDropdownHeight={260}
        />
      )}
      {value.type === "milestone" && (
        <TextInput
          label="Milestone"
          placeholder="onboarding_complete"
          description="The name your app passes to milestone()"
          value={value.milestone}
          onChange={(e) => set({ milestone: e.currentTarget.value })}
          error={milestoneError}
          required
        />
      )}
      {value.type === "manual" ? (
        <Text size="sm">
          Call <Code>nudge.show("{messageId}")</Code> from your app.
        </Text>
      ) : (
        <Group align="flex-start" grow wrap="nowrap">
          <UrlRegexField value={value.urlRegex} onChange={(urlRegex) => set({ urlRegex })} />
          <NumberInput
            label="Delay"
            description="Seconds after the trigger"
            min={0}
            max={300}
            suffix=" s"
            value={value.delaySeconds}
            onChange={(v) => set({ delaySeconds: typeof v === "number" ? v : "" })}
            error={delayError}
            maw={150}
            allowDecimal={false}
          />
        </Group>
      )}
    </SectionCard>
  );
}
