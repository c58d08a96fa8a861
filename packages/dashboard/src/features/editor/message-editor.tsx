import { Alert, Fieldset, Grid, Stack, TextInput } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import type { Message } from "@nudge/schema";
import { IconEyeOff, IconInfoCircle } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";
import { TranslationsSection } from "../translations/translations-section";
import { AppearanceSection } from "./appearance-section";
import { AudienceSection } from "./audience-section";
import { ConflictModal } from "./conflict-modal";
import { draftOf, type EditorDraft, payloadOf, sameContent } from "./editor-draft";
import { EditorHeader } from "./editor-header";
import { FieldErrorsContext } from "./field-errors";
import { FrequencySection } from "./frequency-section";
import { LivePreviewPanel } from "./live-preview-panel";
import { ScheduleSection } from "./schedule-section";
import { StepsSection } from "./steps-section";
import { TriggerSection } from "./trigger-section";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";
import { useSaveFlow } from "./use-save-flow";

/** The editor for one loaded message: a working draft, the live preview, and the save flow. */
export function MessageEditor({ message }: { message: Message }) {
  const { canWrite } = useSession();
  const [draft, setDraft] = useState<EditorDraft>(() => draftOf(message));
  const [step, setStep] = useState(0);
  const flow = useSaveFlow(message, draft, setDraft);
  const dirty = !sameContent(draft, flow.baseline);
  const payload = useMemo(() => payloadOf(draft, flow.version), [draft, flow.version]);
  const set =
    <K extends keyof EditorDraft>(key: K) =>
    (value: EditorDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  useHotkeys([["mod+S", () => canWrite && flow.save()]], []);

  return (
    <FieldErrorsContext.Provider value={flow.errors}>
      <EditorHeader
        message={flow.saved}
        name={draft.name}
        status={draft.status}
        onStatus={set("status")}
        dirty={dirty}
        saving={flow.saving}
        onSave={flow.save}
        canWrite={canWrite}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            {!canWrite && (
              <Alert icon={<IconEyeOff />} color="gray" title="View only">
                You can look at this message, but only owners and editors can change it.
              </Alert>
            )}
            {flow.overwriting !== null && (
              <Alert
                icon={<IconInfoCircle />}
                color="orange"
                title="Your edits are on top of a newer version"
                withCloseButton={false}
              >
                Someone else saved version {flow.overwriting}. Your edits are kept; Save now
                replaces their version with yours.
              </Alert>
            )}
            <Fieldset variant="unstyled" disabled={!canWrite} p={0} m={0}>
              <Stack gap="lg">
                <SectionCard id="basics" title="Basics">
                  <TextInput
                    label="Name"
                    description="Only your team sees it"
                    value={draft.name}
                    onChange={(e) => set("name")(e.currentTarget.value)}
                    error={flow.errors.name}
                    required
                    maxLength={200}
                  />
                </SectionCard>
                <TriggerSection
                  value={draft.trigger}
                  onChange={set("trigger")}
                  messageId={message.id}
                />
                <AudienceSection
                  value={draft.audience}
                  onChange={set("audience")}
                  disabled={!canWrite}
                />
                <StepsSection
                  steps={draft.steps}
                  onChange={set("steps")}
                  selected={step}
                  onSelect={setStep}
                  disabled={!canWrite}
                />
                <TranslationsSection
                  messageId={message.id}
                  steps={draft.steps}
                  onChange={set("steps")}
                  dirty={dirty}
                  onImported={flow.reloadTheirs}
                />
                <AppearanceSection value={draft.appearance} onChange={set("appearance")} />
                <FrequencySection value={draft.frequency} onChange={set("frequency")} />
                <ScheduleSection
                  schedule={draft.schedule}
                  onSchedule={set("schedule")}
                  priority={draft.priority}
                  onPriority={set("priority")}
                  ignoreBudget={draft.ignoreBudget}
                  onIgnoreBudget={set("ignoreBudget")}
                />
              </Stack>
            </Fieldset>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <div style={{ position: "sticky", top: 84 }}>
            <LivePreviewPanel
              messageId={message.id}
              payload={payload}
              step={step}
              onStep={setStep}
            />
          </div>
        </Grid.Col>
      </Grid>
      <ConflictModal
        opened={flow.conflict}
        busy={flow.resolving}
        onReload={flow.reloadTheirs}
        onKeep={flow.keepMine}
      />
      <UnsavedChangesGuard dirty={dirty && canWrite} />
    </FieldErrorsContext.Provider>
  );
}
