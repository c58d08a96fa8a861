import {
  ActionIcon,
  Badge,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { personalizeDocument } from "@nudge/content";
import type { BlockDocument } from "@nudge/schema";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { useTraitKeys, useUserTraits } from "../../api/use-people";
import { useSession } from "../../app/session-context";
import { RenderedContent } from "./rendered-content";

const snippet = (key: string) => `{{ traits.${key} | default: "" }}`;

/**
 * Personalization: the traits this product's people carry (each a placeholder to copy into a
 * field), and the content as one sample person would see it, filled by the same
 * personalizeDocument the server runs.
 */
export function PersonalizationPanel({ doc }: { doc: BlockDocument }) {
  const { product } = useSession();
  const keys = useTraitKeys(product.id);
  const [typed, setTyped] = useState("");
  const [distinctId] = useDebouncedValue(typed.trim(), 300);
  const user = useUserTraits(product.id, distinctId);
  const traits = distinctId && user.data ? user.data.traits : {};
  const status = !distinctId
    ? "No sample user: every placeholder shows its default."
    : user.isPending
      ? "Loading…"
      : user.isError
        ? "Could not load this user."
        : user.data?.known
          ? `${Object.keys(traits).length} traits of ${user.data.distinctId}`
          : "Never seen: a user without traits (defaults shown).";
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" component="section" aria-labelledby="traits-title">
        <Title order={2} size="h5" id="traits-title" mb={6}>
          Available traits
        </Title>
        {keys.data && keys.data.items.length === 0 && (
          <Text size="xs" c="dimmed">
            No traits yet: they appear once your app calls identify() with traits.
          </Text>
        )}
        <Group gap={6} data-testid="trait-keys">
          {keys.data?.items.map(({ key, users }) => (
            <CopyButton key={key} value={snippet(key)}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? "Copied" : `Copy ${snippet(key)} (${users} users)`}>
                  <Badge
                    variant="light"
                    component="button"
                    type="button"
                    onClick={copy}
                    style={{ cursor: "pointer", textTransform: "none" }}
                    rightSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                  >
                    {key}
                  </Badge>
                </Tooltip>
              )}
            </CopyButton>
          ))}
        </Group>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="sample-title">
        <Title order={2} size="h5" id="sample-title" mb={6}>
          Preview as a user
        </Title>
        <TextInput
          label="Sample user (distinct id)"
          placeholder="user-42"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          rightSection={
            typed ? (
              <ActionIcon
                variant="subtle"
                aria-label="Clear sample user"
                onClick={() => setTyped("")}
              >
                ×
              </ActionIcon>
            ) : null
          }
        />
        <Text size="xs" c="dimmed" mt={4} role="status" data-testid="sample-status">
          {status}
        </Text>
        <Paper withBorder p="md" mt="sm" data-testid="personalized-preview">
          <RenderedContent
            doc={personalizeDocument(doc, traits)}
            label="Content as this user sees it"
          />
        </Paper>
      </Paper>
    </Stack>
  );
}
