import { Box, Group, Skeleton, Stack } from "@mantine/core";

/** A neutral, content-free page so the message is judged on its own. */
export function FakeSite() {
  return (
    <Box pos="absolute" inset={0} p="xl" aria-hidden bg="var(--mantine-color-gray-light)">
      <Group justify="space-between" mb="xl">
        <Skeleton h={20} w={120} animate={false} />
        <Group gap="md">
          <Skeleton h={12} w={60} animate={false} />
          <Skeleton h={12} w={60} animate={false} />
          <Skeleton h={12} w={60} animate={false} />
        </Group>
      </Group>
      <Stack gap="md" maw={720}>
        <Skeleton h={32} w="60%" animate={false} />
        <Skeleton h={14} animate={false} />
        <Skeleton h={14} w="90%" animate={false} />
        <Skeleton h={14} w="70%" animate={false} />
      </Stack>
    </Box>
  );
}
