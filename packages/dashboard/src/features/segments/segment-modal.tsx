import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Filter, type Segment, segmentInputSchema } from "@nudge/schema";
import { useState } from "react";
import { ApiError } from "../../api/api-error";
import { useSaveSegment } from "../../api/use-segments";
import { useSession } from "../../app/session-context";
import { FormError } from "../../ui/form-error";
import { issuesToFieldMap } from "../../ui/zod-errors";
import { FilterBuilder } from "./filter-builder";
import { newLeaf } from "./filter-model";
import { MatchCount } from "./match-count";

export function SegmentModal({
  segment,
  onClose,
}: {
  segment: Segment | null;
  onClose: () => void;
}) {
  const { product, canWrite } = useSession();
  const save = useSaveSegment(product.id);
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [filter, setFilter] = useState<Filter>(segment?.filter ?? { and: [newLeaf()] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const input = { name, description, filter };
    const parsed = segmentInputSchema.safeParse(input);
    if (!parsed.success) return setErrors(issuesToFieldMap(parsed.error.issues));
    setErrors({});
    save.mutate(
      { id: segment?.id ?? null, input: parsed.data },
      {
        onSuccess: (s) => {
          notifications.show({
            color: "green",
            message: `Saved segment “${s.name}”`,
            autoClose: 2500,
          });
          onClose();
        },
        onError: (e) => e instanceof ApiError && setErrors(e.fieldErrors),
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={segment ? (canWrite ? "Edit segment" : segment.name) : "New segment"}
      size="xl"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            placeholder="Pro customers"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            disabled={!canWrite}
            data-autofocus
          />
          <Textarea
            label="Description"
            placeholder="Who this is, in a sentence"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={1}
            disabled={!canWrite}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Users whose traits match
            </Text>
            <FilterBuilder
              value={filter}
              onChange={setFilter}
              errors={errors}
              path="filter"
              disabled={!canWrite}
            />
            <MatchCount productId={product.id} filter={filter} />
            <Text size="xs" c="dimmed">
              Traits come from identify(). Equality is exact: the text “1” is not the number 1.
            </Text>
          </Stack>
          <FormError error={save.error} shown={Object.keys(errors)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {canWrite ? "Cancel" : "Close"}
            </Button>
            {canWrite && (
              <Button type="submit" loading={save.isPending}>
                Save segment
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
