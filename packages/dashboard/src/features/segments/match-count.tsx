import { Loader, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { boundedFilterSchema, type Filter } from "@nudge/schema";
import { useSegmentCount } from "../../api/use-segments";

/** "N of M users match", recounted (debounced) as the filter changes; silent while it is invalid. */
export function MatchCount({ productId, filter }: { productId: string; filter: Filter }) {
  const [settled] = useDebouncedValue(filter, 400);
  const valid = boundedFilterSchema.safeParse(settled).success;
  const count = useSegmentCount(productId, valid ? settled : null);
  if (!valid) return null;
  if (count.isPending) return <Loader size="xs" aria-label="Counting matching users" />;
  if (count.isError) return null;
  const { matched, total } = count.data;
  return (
    <Text size="sm" aria-live="polite" data-testid="segment-match-count">
      <b>{matched.toLocaleString()}</b> of {total.toLocaleString()} users match right now
    </Text>
  );
}
