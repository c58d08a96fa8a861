import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { describeError } from "../api/api-error";

export function FullPageLoader() {
  return (
    <Center h="100vh" aria-busy="true">
      <Loader aria-label="Loading" />
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Center h="100vh" p="md">
      <Stack maw={460}>
        <Alert color="red" title="Nudge could not load" icon={<IconAlertTriangle />}>
          {describeError(error)}
        </Alert>
        {onRetry && (
          <Button variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Center>
  );
}
