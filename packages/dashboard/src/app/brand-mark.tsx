import { Group, Text } from "@mantine/core";
import { Link } from "react-router";

export function BrandMark() {
  return (
    <Link
      to="/messages"
      style={{ textDecoration: "none", color: "inherit" }}
      aria-label="Nudge home"
    >
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Text fw={700} size="lg" visibleFrom="xs">
          Nudge
        </Text>
      </Group>
    </Link>
  );
}
