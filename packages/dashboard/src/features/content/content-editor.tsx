// The variant without its web-font import: the dashboard makes no third-party requests.
import "@puckeditor/core/no-external.css";
import { Alert, Anchor, Badge, Box, Button, Grid, Group, Paper, Stack, Text } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import type { BlockDocument, Message } from "@nudge/schema";
import { Puck } from "@puckeditor/core";
import { IconArrowLeft, IconDeviceFloppy, IconEyeOff } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useSession } from "../../app/session-context";
import { PageHeader } from "../../ui/page-header";
import { ConflictModal } from "../editor/conflict-modal";
import { draftOf, type EditorDraft, sameContent } from "../editor/editor-draft";
import { UnsavedChangesGuard } from "../editor/unsaved-changes-guard";
import { useSaveFlow } from "../editor/use-save-flow";
import { stepTypeLabels } from "../messages/step-type-icon";
import { ContentErrors } from "./content-errors";
import { PersonalizationPanel } from "./personalization-panel";
import { puckConfig } from "./puck-config";
import { documentOfPuck, type PuckData, puckOfDocument } from "./puck-document";
import { RenderedContent } from "./rendered-content";

const emptyDocument: BlockDocument = { root: { props: {} }, content: [] };

/**
 * The visual editor of one step's content: Puck's block list, canvas and fields, beside the
 * personalization panel. It saves the whole message through the editor's save flow (version
 * CAS and the same conflict dialog), so the plain fields and the content can never overwrite
 * each other's newer versions unasked.
 */
export function ContentEditor({ message, index }: { message: Message; index: number }) {
  const { canWrite } = useSession();
  const [draft, setDraft] = useState<EditorDraft>(() => draftOf(message));
  const flow = useSaveFlow(message, draft, setDraft);
  const dirty = !sameContent(draft, flow.baseline);
  const step = draft.steps[index]!;
  const doc = step.content ?? emptyDocument;
  // Puck owns its data once it starts: it is given content only when it (re)starts, which it
  // does after "Reload theirs" in a conflict.
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a restart re-reads the draft
  const initial = useMemo(
    () => puckOfDocument(generation === 0 ? message.steps[index]?.content : doc),
    [generation, message, index],
  );
  useHotkeys([["mod+S", () => canWrite && flow.save()]], []);

  const onPuckChange = (data: PuckData) => {
    const content = documentOfPuck(data);
    setDraft((d) => ({
      ...d,
      steps: d.steps.map((s, i) => {
        if (i !== index) return s;
        // No blocks left: the step goes back to its plain title, body and button.
        const { content: _old, ...rest } = s;
        return content.content.length > 0 ? { ...s, content } : rest;
      }),
    }));
  };

  const header = (
    <PageHeader
      above={
        <Anchor component={Link} to={`/messages/${message.id}`} size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} /> {draft.name || "Message"}
          </Group>
        </Anchor>
      }
      title={
        <Group gap="sm" wrap="nowrap">
          <Text inherit>
            Rich content · Step {index + 1} ({stepTypeLabels[step.type]})
          </Text>
          {dirty && (
            <Badge variant="dot" color="orange" size="sm" data-testid="unsaved-badge">
              Unsaved changes
            </Badge>
          )}
        </Group>
      }
      description="Drag blocks from the list onto the canvas; select a block to edit its fields. Placeholders such as {{ traits.first_name | default: “there” }} are filled per user."
      actions={
        canWrite && (
          <Button
            onClick={flow.save}
            loading={flow.saving}
            leftSection={<IconDeviceFloppy size={16} />}
            disabled={!dirty && !flow.saving}
            aria-keyshortcuts="Control+S"
          >
            Save
          </Button>
        )
      }
    />
  );

  return (
    <Box p="lg" component="main">
      {header}
      <ContentErrors errors={flow.errors} prefix={`steps.${index}`} doc={step.content} />
      {flow.conflict && (
        <Alert color="orange" title="Someone else saved this message" mb="md">
          Your edits are kept here. Open the message editor to compare and choose whose version to
          keep.
        </Alert>
      )}
      {canWrite ? (
        <Puck
          config={puckConfig}
          data={initial}
          onChange={onPuckChange}
          iframe={{ enabled: false }}
        >
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 2 }}>
              <Paper withBorder p="sm" component="section" aria-label="Blocks">
                <Puck.Components />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Paper withBorder p="md" component="section" aria-label="Canvas" mih={320}>
                <Puck.Preview />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                <Paper withBorder component="section" aria-label="Block fields">
                  <Puck.Fields />
                </Paper>
                <PersonalizationPanel doc={doc} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Puck>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Alert icon={<IconEyeOff />} color="gray" title="View only" mb="md">
              You can look at this content, but only owners and editors can change it.
            </Alert>
            <Paper withBorder p="md">
              <RenderedContent doc={doc} label="This step's content" />
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <PersonalizationPanel doc={doc} />
          </Grid.Col>
        </Grid>
      )}
      <ConflictModal
        opened={flow.conflict}
        busy={flow.resolving}
        onReload={async () => {
          await flow.reloadTheirs();
          setGeneration((g) => g + 1);
        }}
        onKeep={flow.keepMine}
      />
      <UnsavedChangesGuard dirty={dirty && canWrite} />
    </Box>
  );
}
