import { Alert, List } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { ApiError, describeError } from "../api/api-error";

/** The message for one field from an API error, for a Mantine input's `error` prop. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[path] : undefined;
}

/**
 * The error of a form as an alert: the problem's detail, plus any field errors whose inputs are
 * not on screen (`shown` lists the paths the form displays inline).
 */
export function FormError({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  if (!error) return null;
  const hidden =
    error instanceof ApiError
      ? Object.entries(error.fieldErrors).filter(([path]) => !shown.includes(path))
      : [];
  const onlyInline = error instanceof ApiError && error.problem?.errors?.length && !hidden.length;
  if (onlyInline) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle />}
      title={error instanceof ApiError ? error.title : "Something went wrong"}
    >
      {hidden.length > 0 ? (
        <List size="sm">
          {hidden.map(([path, message]) => (
            <List.Item key={path}>
              <code>{path}</code>: {message}
            </List.Item>
          ))}
        </List>
      ) : (
        describeError(error)
      )}
    </Alert>
  );
}
