import { Button, Group, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { describeError } from "../../api/api-error";
import { useUploadScores } from "../../api/use-segments";
import { useSession } from "../../app/session-context";
import { monoInput } from "../../ui/mono-input";
import { SectionCard } from "../../ui/section-card";
import { parseScores } from "./parse-scores";

/** Paste churn scores (one `distinctId,churnProb` per line) for score audiences. */
export function ScoresCard() {
  const { product, canWrite } = useSession();
  const upload = useUploadScores(product.id);
  const [text, setText] = useState("");
  const parsed = parseScores(text);
  if (!canWrite) return null;
  return (
    <SectionCard
      id="scores"
      title="Churn scores"
      description="Score audiences target users by predicted churn probability (0–1). Upload scores here or from your servers with a secret key."
    >
      <Textarea
        label="Scores"
        description="One user per line: distinct id, comma, probability"
        placeholder={"user_123,0.82\nuser_456,0.12"}
        autosize
        minRows={3}
        maxRows={10}
        styles={monoInput}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={parsed.errors.length ? parsed.errors.slice(0, 3).join("; ") : undefined}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {parsed.scores.length} user{parsed.scores.length === 1 ? "" : "s"} ready
        </Text>
        <Button
          variant="default"
          disabled={parsed.scores.length === 0 || parsed.errors.length > 0}
          loading={upload.isPending}
          onClick={() =>
            upload.mutate(parsed.scores, {
              onSuccess: (r) => {
                setText("");
                notifications.show({
                  color: "green",
                  message: `Saved ${r.upserted} scores`,
                  autoClose: 2500,
                });
              },
              onError: (e) =>
                notifications.show({
                  color: "red",
                  title: "Scores not saved",
                  message: describeError(e),
                }),
            })
          }
        >
          Upload scores
        </Button>
      </Group>
    </SectionCard>
  );
}
