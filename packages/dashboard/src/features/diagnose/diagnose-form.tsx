import { Autocomplete, Button, Group, TextInput } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import type { DiagnoseInput } from "../../api/use-stats";
import { useEventNames } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { monoInput } from "../../ui/mono-input";

interface Props {
  onRun: (input: DiagnoseInput) => void;
  running: boolean;
  errors: Record<string, string>;
}

export function DiagnoseForm({ onRun, running, errors }: Props) {
  const { product } = useSession();
  const events = useEventNames(product.id);
  const [input, setInput] = useState<DiagnoseInput>({ distinctId: "", path: "/", event: "" });
  const suggestions = [
    ...new Set(["$pageview", "$click", "$form_submit", ...(events.data?.map((e) => e.name) ?? [])]),
  ];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onRun({ ...input, distinctId: input.distinctId.trim() });
      }}
    >
      <Group align="flex-start" grow>
        <TextInput
          label="User (distinct id)"
          placeholder="user_123"
          description="The id your app passes to identify()"
          value={input.distinctId}
          onChange={(e) => setInput({ ...input, distinctId: e.currentTarget.value })}
          error={errors.distinct_id ?? errors["querystring.distinct_id"]}
          required
        />
        <TextInput
          label="Page path"
          placeholder="/pricing"
          description="location.pathname on your site"
          value={input.path}
          onChange={(e) => setInput({ ...input, path: e.currentTarget.value })}
          styles={monoInput}
        />
        <Autocomplete
          label="Event (optional)"
          placeholder="$pageview"
          description="What the user just did"
          data={suggestions}
          value={input.event}
          onChange={(event) => setInput({ ...input, event })}
        />
      </Group>
      <Group justify="flex-end" mt="md">
        <Button
          type="submit"
          loading={running}
          leftSection={<IconPlayerPlay size={16} />}
          disabled={!input.distinctId.trim()}
        >
          Run check
        </Button>
      </Group>
    </form>
  );
}
