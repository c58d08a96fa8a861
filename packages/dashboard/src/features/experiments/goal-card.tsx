import {
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Experiment, ExperimentGoal, Guardrail } from "@nudge/schema";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useUpdateExperiment } from "../../api/use-experiments";
import { useEventNames } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { FormError, fieldError } from "../../ui/form-error";
import { SectionCard } from "../../ui/section-card";
import { describeGoal, describeGuardrail } from "./describe-experiment";
import { type ExperimentVersion, isVersionConflict } from "./use-experiment-version";
import { useFollowingDraft } from "./use-following-draft";

const goalTypes = [
  { value: "cta_click", label: "Clicks the call-to-action button (default)" },
  { value: "complete", label: "Completes the flow" },
  { value: "event", label: "Sends an event soon after seeing it" },
];

interface Draft {
  type: ExperimentGoal["type"];
  event: string;
  withinHours: number | string;
  guardrailOn: boolean;
  /** Percentage points, as typed. */
  maxIncrease: number | string;
}

function draftOf(experiment: Experiment): Draft {
  const { goal, guardrail } = experiment;
  return {
    type: goal.type,
    event: goal.type === "event" ? goal.event : "",
    withinHours: goal.type === "event" ? goal.withinHours : 24,
    guardrailOn: guardrail !== null,
    maxIncrease: guardrail ? Math.round(guardrail.maxDismissRateIncrease * 1000) / 10 : 2,
  };
}

function payloadOf(d: Draft): { goal: ExperimentGoal; guardrail: Guardrail | null } {
  const goal: ExperimentGoal =
    d.type === "event"
      ? { type: "event", event: d.event.trim(), withinHours: Number(d.withinHours) }
      : { type: d.type };
  const guardrail = d.guardrailOn
    ? { maxDismissRateIncrease: Math.round(Number(d.maxIncrease) * 10) / 1000 }
    : null;
  return { goal, guardrail };
}

/** What counts as a conversion, and the dismiss-rate guardrail; both may change at any time. */
export function GoalCard({ experiment, cas }: { experiment: Experiment; cas: ExperimentVersion }) {
  const { product, canWrite } = useSession();
  const update = useUpdateExperiment(product.id, experiment.id);
  const events = useEventNames(product.id);
  const [draft, setDraft] = useFollowingDraft(experiment, draftOf);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const payload = payloadOf(draft);
  const dirty =
    JSON.stringify(payload) !==
    JSON.stringify({ goal: experiment.goal, guardrail: experiment.guardrail });

  const save = () =>
    update.mutate(
      { version: cas.version, ...payload },
      {
        onSuccess: (saved) => {
          cas.adopt(saved);
          setDraft(draftOf(saved));
          notifications.show({ color: "green", message: "Goal saved", autoClose: 2500 });
        },
        onError: (error) => cas.conflicted(error),
      },
    );

  if (!canWrite) {
    return (
      <SectionCard id="goal" title="Goal and guardrail">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Conversion
          </Text>
          <Text size="sm" data-testid="experiment-goal">
            {describeGoal(experiment.goal)}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Guardrail
          </Text>
          <Text size="sm">{describeGuardrail(experiment.guardrail)}</Text>
        </Stack>
      </SectionCard>
    );
  }

  return (
    <SectionCard
      id="goal"
      title="Goal and guardrail"
      description="What counts as a conversion. Changing it recomputes the results; no one is reassigned."
      actions={
        <Button
          size="xs"
          onClick={save}
          loading={update.isPending}
          disabled={!dirty}
          leftSection={<IconDeviceFloppy size={14} />}
        >
          Save goal
        </Button>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) save();
        }}
      >
        <Stack>
          <Select
            label="A user converts when they…"
            data={goalTypes}
            value={draft.type}
            allowDeselect={false}
            onChange={(t) => t && set({ type: t as Draft["type"] })}
            error={fieldError(update.error, "goal.type")}
          />
          {draft.type === "event" && (
            <Group grow align="flex-start">
              <Autocomplete
                label="Event"
                placeholder="signed_up"
                data={events.data?.map((e) => e.name) ?? []}
                value={draft.event}
                onChange={(event) => set({ event })}
                error={fieldError(update.error, "goal.event")}
                required
              />
              <NumberInput
                label="Within (hours)"
                description="of the user’s first impression"
                min={1}
                max={720}
                allowDecimal={false}
                value={draft.withinHours}
                onChange={(withinHours) => set({ withinHours })}
                error={fieldError(update.error, "goal.withinHours")}
              />
            </Group>
          )}
          <Switch
            label="Dismiss-rate guardrail"
            description="A treatment that converts better but gets dismissed much more often cannot win."
            checked={draft.guardrailOn}
            onChange={(e) => set({ guardrailOn: e.currentTarget.checked })}
          />
          {draft.guardrailOn && (
            <NumberInput
              label="Largest allowed increase in dismiss rate"
              description="Percentage points over the control, e.g. 2 = from 10% to 12%"
              suffix=" pp"
              min={0}
              max={100}
              step={0.5}
              decimalScale={1}
              value={draft.maxIncrease}
              onChange={(maxIncrease) => set({ maxIncrease })}
              error={fieldError(update.error, "guardrail.maxDismissRateIncrease")}
            />
          )}
          {!isVersionConflict(update.error) && (
            <FormError
              error={update.error}
              shown={[
                "goal.type",
                "goal.event",
                "goal.withinHours",
                "guardrail.maxDismissRateIncrease",
              ]}
            />
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
