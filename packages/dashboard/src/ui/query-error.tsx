import { Alert, Button, Group } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { ApiError, describeError } from "../api/api-error";

/** A failed load, with what went wrong and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title = error instanceof ApiError && error.status === 404 ? "Not found" : "Could not load";
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle />}>
      <Group justify="space-between" align="center">
        <span>{describeError(error)}</span>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Group>
    </Alert>
  );
}
