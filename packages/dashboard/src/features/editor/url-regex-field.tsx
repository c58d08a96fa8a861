import { Badge, Group, Stack, TextInput } from "@mantine/core";
import { isLikelySafeRegex, matchesPath } from "@nudge/rules";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { monoInput } from "../../ui/mono-input";
import { useFieldError } from "./field-errors";

/** URL regex with a live "does this path match?" tester, using the SDK's own matcher. */
export function UrlRegexField({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const [path, setPath] = useState("");
  const serverError = useFieldError("trigger.urlRegex");
  const safety = value ? isLikelySafeRegex(value) : ({ safe: true } as const);
  const localError = safety.safe ? undefined : `This pattern cannot be used: ${safety.reason}`;
  const matched = matchesPath(value, path);
  return (
    <Stack gap="xs">
      <TextInput
        label="URL regex"
        description="Tested against location.pathname; empty = every page"
        placeholder="^/pricing"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={serverError ?? localError}
        styles={monoInput}
        spellCheck={false}
      />
      <Group gap="xs" wrap="nowrap" align="center">
        <TextInput
          aria-label="Path to try"
          placeholder="/pricing"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          size="xs"
          styles={monoInput}
          style={{ flex: 1 }}
          leftSection={
            <span aria-hidden style={{ fontSize: 11 }}>
              Try
            </span>
          }
          leftSectionWidth={36}
        />
        <Badge
          color={path === "" ? "gray" : matched ? "green" : "red"}
          variant="light"
          leftSection={path === "" ? null : matched ? <IconCheck size={12} /> : <IconX size={12} />}
          aria-live="polite"
          data-testid="url-match-result"
          miw={96}
        >
          {path === "" ? "Try a path" : matched ? "Matches" : "No match"}
        </Badge>
      </Group>
    </Stack>
  );
}
