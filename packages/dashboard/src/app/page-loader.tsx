import { Skeleton, Stack } from "@mantine/core";

/** Placeholder while a page's code or first data loads. */
export function PageLoader() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton h={32} w={240} />
      <Skeleton h={18} w={420} />
      <Skeleton h={240} />
    </Stack>
  );
}
