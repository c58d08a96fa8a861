import { Badge, Button, Code, Skeleton, Table, Text } from "@mantine/core";
import type { ApiKey } from "@nudge/schema";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { CreatedKey } from "../../api/use-keys";
import { useKeys } from "../../api/use-keys";
import { useSession } from "../../app/session-context";
import { formatDate, formatRelative } from "../../ui/format";
import { QueryError } from "../../ui/query-error";
import { SectionCard } from "../../ui/section-card";
import { CreateKeyModal } from "./create-key-modal";
import { KeyCreatedModal } from "./key-created-modal";
import { RevokeKeyButton } from "./revoke-key-button";

export function ApiKeysCard({ onCreated }: { onCreated: (key: string) => void }) {
  const { product, canWrite } = useSession();
  const keys = useKeys(product.id);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const sorted = [...(keys.data ?? [])].sort(
    (a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)),
  );
  return (
    <SectionCard
      id="keys"
      title="API keys"
      description="Publishable keys (pk_) go in your web app. Secret keys (sk_) are for your servers only — never put them in a browser."
      actions={
        canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create key
          </Button>
        )
      }
    >
      {keys.isPending ? (
        <Skeleton h={120} />
      ) : keys.isError ? (
        <QueryError error={keys.error} onRetry={() => keys.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th w={110} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((k) => (
                <KeyRow key={k.id} apiKey={k} canWrite={canWrite} productId={product.id} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateKeyModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setCreated(k);
          onCreated(k.key);
        }}
      />
      <KeyCreatedModal created={created} onClose={() => setCreated(null)} />
    </SectionCard>
  );
}

function KeyRow({
  apiKey: k,
  canWrite,
  productId,
}: {
  apiKey: ApiKey;
  canWrite: boolean;
  productId: string;
}) {
  const revoked = Boolean(k.revokedAt);
  return (
    <Table.Tr style={revoked ? { opacity: 0.55 } : undefined}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {k.name}
        </Text>
        <Badge size="xs" variant="light" color={k.type === "secret" ? "red" : "blue"} mt={2}>
          {k.type}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Code>{k.prefix}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(k.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={k.lastUsedAt ? undefined : "dimmed"}>
          {k.lastUsedAt ? formatRelative(k.lastUsedAt) : "Never"}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {revoked ? (
          <Badge color="gray" variant="outline">
            Revoked
          </Badge>
        ) : (
          canWrite && <RevokeKeyButton apiKey={k} productId={productId} />
        )}
      </Table.Td>
    </Table.Tr>
  );
}
