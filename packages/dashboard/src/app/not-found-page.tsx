import { Button, EmptyState } from "@mantine/core";
import { IconMapQuestion } from "@tabler/icons-react";
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapQuestion size={32} />}
      withIndicatorBackground
      title="This page does not exist"
      description="The link may be old, or the item was deleted."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/messages">
          Go to messages
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
