import { Badge, Button, Menu } from "@mantine/core";
import type { Experiment, Message } from "@nudge/schema";
import { IconChevronDown, IconTrophy } from "@tabler/icons-react";
import { useState } from "react";
import { useApplyWinner } from "../../api/use-experiments";
import { useSession } from "../../app/session-context";
import { ConfirmDialog } from "../../ui/confirm-dialog";

interface Props {
  experiment: Experiment;
  messages: Map<string, Message | undefined>;
  /** The arm the verdict names, if any. */
  recommended: string | null;
  onApplied: (experiment: Experiment) => void;
}

/** Pick an arm, confirm, and it gets 100% of users; the others are paused (kept, not deleted). */
export function ApplyWinnerButton({ experiment, messages, recommended, onApplied }: Props) {
  const { product } = useSession();
  const apply = useApplyWinner(product.id, experiment.id, onApplied);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState("");
  const arm = experiment.arms.find((a) => a.key === choice);
  const name = arm ? messages.get(arm.messageId)?.name : undefined;
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button
            leftSection={<IconTrophy size={16} />}
            rightSection={<IconChevronDown size={14} />}
          >
            Apply winner
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Give every user</Menu.Label>
          {experiment.arms.map((a) => (
            <Menu.Item
              key={a.key}
              onClick={() => {
                apply.reset();
                setChoice(a.key);
                setOpen(true);
              }}
              rightSection={
                recommended === a.key && (
                  <Badge size="xs" variant="light" color="green">
                    Verdict
                  </Badge>
                )
              }
            >
              {a.key}
              {messages.get(a.messageId) ? ` · ${messages.get(a.messageId)?.name}` : ""}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={`Apply “${choice}” as the winner?`}
        confirmLabel="Apply winner"
        mutation={apply}
        variables={choice}
        successMessage={`“${choice}” now goes to every user`}
      >
        Every user who qualifies will get “{choice}”{name ? ` (${name})` : ""}. The other arms are
        paused but stay here with their results.{" "}
        {recommended !== choice && "The results do not name this arm the winner. "}
        This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
