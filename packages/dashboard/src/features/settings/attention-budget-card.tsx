import { Button, Group, NumberInput, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AttentionBudget } from "@nudge/schema";
import { useState } from "react";
import { useUpdateProduct } from "../../api/use-products";
import { useSession } from "../../app/session-context";
import { FormError, fieldError } from "../../ui/form-error";
import { SectionCard } from "../../ui/section-card";

type Field = keyof AttentionBudget;
const fields: { key: Field; label: string; description: string; min: number }[] = [
  { key: "maxPerDay", label: "Max per day", description: "Messages one user sees per day", min: 1 },
  {
    key: "maxPerWeek",
    label: "Max per week",
    description: "Messages one user sees per week",
    min: 1,
  },
  {
    key: "minMinutesBetween",
    label: "Minutes between",
    description: "Quiet time after any message",
    min: 0,
  },
];

/** Product-wide limits over all messages, so users are not flooded when many match. */
export function AttentionBudgetCard() {
  const { product, canWrite } = useSession();
  const update = useUpdateProduct(product.id);
  const [budget, setBudget] = useState<AttentionBudget>(product.attentionBudget ?? {});
  const same = JSON.stringify(budget) === JSON.stringify(product.attentionBudget ?? {});
  const save = () => {
    const clean = Object.fromEntries(
      Object.entries(budget).filter(([, v]) => typeof v === "number"),
    ) as AttentionBudget;
    update.mutate(
      { attentionBudget: Object.keys(clean).length ? clean : null },
      {
        onSuccess: () =>
          notifications.show({
            color: "green",
            message: "Attention budget saved",
            autoClose: 2500,
          }),
      },
    );
  };
  return (
    <SectionCard
      id="budget"
      title="Attention budget"
      description="Limits across all messages of this product, per user. Leave empty for no limit. Critical notices can opt out."
    >
      <Group grow align="flex-start">
        {fields.map((f) => (
          <NumberInput
            key={f.key}
            label={f.label}
            description={f.description}
            placeholder="No limit"
            min={f.min}
            allowDecimal={false}
            value={budget[f.key] ?? ""}
            onChange={(v) =>
              setBudget({ ...budget, [f.key]: typeof v === "number" ? v : undefined })
            }
            error={fieldError(update.error, `attentionBudget.${f.key}`)}
            disabled={!canWrite}
          />
        ))}
      </Group>
      <FormError error={update.error} shown={fields.map((f) => `attentionBudget.${f.key}`)} />
      {canWrite && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Checked together with each message’s own frequency rules.
          </Text>
          <Button onClick={save} loading={update.isPending} disabled={same}>
            Save budget
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
