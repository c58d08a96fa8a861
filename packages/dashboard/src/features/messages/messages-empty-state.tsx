import { Button, EmptyState } from "@mantine/core";
import { IconMessagePlus, IconSearchOff } from "@tabler/icons-react";

interface Props {
  filtering: boolean;
  canWrite: boolean;
  onCreate: () => void;
  onClear: () => void;
}

export function MessagesEmptyState({ filtering, canWrite, onCreate, onClear }: Props) {
  if (filtering) {
    return (
      <EmptyState
        py={48}
        icon={<IconSearchOff size={28} />}
        withIndicatorBackground
        title="No messages match"
        description="Try another name or status."
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={onClear}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      py={56}
      variant="light"
      icon={<IconMessagePlus size={28} />}
      title="No messages yet — create your first"
      description={
        canWrite
          ? "Start with a name. You will pick when it shows, who sees it and what it says in the editor."
          : "Nothing has been published here yet. An editor or owner can create messages."
      }
    >
      {canWrite && (
        <EmptyState.Actions>
          <Button onClick={onCreate}>Create your first message</Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}
