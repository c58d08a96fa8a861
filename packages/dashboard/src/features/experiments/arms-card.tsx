import { Anchor, Badge, Button, Group, NumberInput, Skeleton, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Experiment, Message } from "@nudge/schema";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { Link } from "react-router";
import { useUpdateExperiment } from "../../api/use-experiments";
import { useSession } from "../../app/session-context";
import { FormError, fieldError } from "../../ui/form-error";
import { formatPercent } from "../../ui/format";
import { SectionCard } from "../../ui/section-card";
import { StatusBadge } from "../messages/status-badge";
import { shareOf } from "./describe-experiment";
import { type ExperimentVersion, isVersionConflict } from "./use-experiment-version";
import { useFollowingDraft } from "./use-following-draft";

interface Props {
  experiment: Experiment;
  /** Arm message by id; undefined while loading. */
  messages: Map<string, Message | undefined>;
  /** Users exposed so far, all arms; null until the results have loaded. */
  exposed: number | null;
  cas: ExperimentVersion;
}

type Draft = Record<string, number | string>;

const draftOf = (experiment: Experiment): Draft =>
  Object.fromEntries(experiment.arms.map((a) => [a.key, a.weight]));

/**
 * The arms: each one's message (a link to its editor), status and share of users. Weights can
 * change until the first user is exposed; after that a new split would move people between arms.
 */
export function ArmsCard({ experiment, messages, exposed, cas }: Props) {
  const { product, canWrite } = useSession();
  const update = useUpdateExperiment(product.id, experiment.id);
  const [draft, setDraft] = useFollowingDraft<Draft>(experiment, draftOf);
  const running = experiment.status === "running";
  const editable = canWrite && running && exposed === 0;
  const weights = experiment.arms.map((a) => (editable ? Number(draft[a.key]) || 0 : a.weight));
  const dirty = experiment.arms.some((a) => draft[a.key] !== a.weight);
  const blank = experiment.arms.some((a) => typeof draft[a.key] !== "number");

  const save = () =>
    update.mutate(
      { version: cas.version, weights: draft as Record<string, number> },
      {
        onSuccess: (saved) => {
          cas.adopt(saved);
          setDraft(draftOf(saved));
          notifications.show({ color: "green", message: "Weights saved", autoClose: 2500 });
        },
        onError: (error) => cas.conflicted(error),
      },
    );

  const note = !running
    ? "The winner was applied: it gets every user; the other arms are paused and kept for the record."
    : exposed === null
      ? null
      : exposed > 0
        ? "Weights are fixed now that users have seen the test: a new split would move people between arms."
        : canWrite
          ? "Weights are relative (50 / 50 = 1 / 1). They can change until the first user sees the test."
          : "Weights can change until the first user sees the test.";

  return (
    <SectionCard
      id="arms"
      title="Arms"
      description="Each user is assigned one arm by a hash of their id, and keeps it."
      actions={
        editable && (
          <Button
            size="xs"
            onClick={save}
            loading={update.isPending}
            disabled={!dirty || blank}
            leftSection={<IconDeviceFloppy size={14} />}
          >
            Save weights
          </Button>
        )
      }
    >
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" data-testid="arms-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>Arm</Table.Th>
              <Table.Th>Message</Table.Th>
              <Table.Th w={96}>Status</Table.Th>
              <Table.Th w={editable ? 170 : 150}>Share of users</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {experiment.arms.map((arm, i) => {
              const message = messages.get(arm.messageId);
              const share = formatPercent(shareOf(weights[i] ?? 0, weights));
              return (
                <Table.Tr key={arm.key} data-testid={`arm-row-${arm.key}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600} ff="monospace">
                        {arm.key}
                      </Text>
                      {arm.messageId === experiment.controlMessageId && (
                        <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                          Control
                        </Badge>
                      )}
                      {experiment.winnerKey === arm.key && (
                        <Badge size="xs" variant="light" color="green" style={{ flexShrink: 0 }}>
                          Winner
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td maw={0}>
                    {message ? (
                      <Anchor component={Link} to={`/messages/${arm.messageId}`} size="sm">
                        {message.name}
                      </Anchor>
                    ) : (
                      <Skeleton h={14} w="60%" />
                    )}
                  </Table.Td>
                  <Table.Td>{message && <StatusBadge status={message.status} />}</Table.Td>
                  <Table.Td>
                    {editable ? (
                      <Group gap="xs" wrap="nowrap">
                        <NumberInput
                          aria-label={`Weight of ${arm.key}`}
                          size="xs"
                          w={80}
                          min={0}
                          max={100}
                          decimalScale={2}
                          value={draft[arm.key] ?? ""}
                          onChange={(v) => setDraft((d) => ({ ...d, [arm.key]: v }))}
                          error={fieldError(update.error, `weights.${arm.key}`)}
                        />
                        <Text size="sm" c="dimmed" data-testid="arm-share">
                          {share}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm">
                        <span data-testid="arm-share">{share}</span>
                        {arm.testWeight !== undefined && arm.testWeight !== arm.weight && (
                          <Text span size="xs" c="dimmed">
                            {" "}
                            (tested at{" "}
                            {formatPercent(shareOf(arm.testWeight, testWeights(experiment)))})
                          </Text>
                        )}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {!isVersionConflict(update.error) && (
        <FormError error={update.error} shown={experiment.arms.map((a) => `weights.${a.key}`)} />
      )}
    </SectionCard>
  );
}

const testWeights = (experiment: Experiment) =>
  experiment.arms.map((a) => a.testWeight ?? a.weight);
