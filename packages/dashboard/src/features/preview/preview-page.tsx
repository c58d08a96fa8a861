import { Badge, Box, Button, Center, Group, Loader, Paper, Text } from "@mantine/core";
import { IconArrowLeft, IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMessage } from "../../api/use-messages";
import { useSession } from "../../app/session-context";
import { QueryError } from "../../ui/query-error";
import { PreviewFrame } from "./preview-frame";
import { toPreviewMessage } from "./to-preview-message";

/** `/messages/:id/preview`: the saved message on a neutral page; nothing is recorded. */
export function PreviewPage() {
  const { id = "" } = useParams();
  const { product } = useSession();
  const query = useMessage(product.id, id);
  const [replay, setReplay] = useState(0);
  return (
    <Box h="100vh" style={{ display: "flex", flexDirection: "column" }}>
      <Paper
        radius={0}
        px="md"
        py="xs"
        withBorder={false}
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
        component="header"
      >
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Button
              component={Link}
              to={`/messages/${id}`}
              variant="subtle"
              size="sm"
              leftSection={<IconArrowLeft size={16} />}
            >
              Back to editor
            </Button>
            <Text fw={600} truncate component="h1" size="md" m={0}>
              {query.data?.name ?? "Preview"}
            </Text>
            <Badge variant="light" color="teal">
              Preview · no events recorded
            </Badge>
          </Group>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconPlayerPlay size={16} />}
            onClick={() => setReplay((n) => n + 1)}
          >
            Replay
          </Button>
        </Group>
      </Paper>
      <Box style={{ flex: 1, minHeight: 0 }} component="main">
        {query.isPending ? (
          <Center h="100%">
            <Loader aria-label="Loading message" />
          </Center>
        ) : query.isError ? (
          <Center h="100%" p="md">
            <QueryError error={query.error} onRetry={() => query.refetch()} />
          </Center>
        ) : (
          <PreviewFrame
            message={toPreviewMessage(id, query.data)}
            replay={replay}
            title={`Preview of ${query.data.name}`}
            height="100%"
          />
        )}
      </Box>
    </Box>
  );
}
