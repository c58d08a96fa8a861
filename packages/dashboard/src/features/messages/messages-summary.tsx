import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from "@mantine/core";
import { IconBolt, IconEye, IconMessages } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { ProductStats } from "../../api/types";
import { formatNumber } from "../../ui/format";

/** Three numbers at the top of the list: how many messages, how many live, seen how often. */
export function MessagesSummary({
  stats,
  loading,
}: {
  stats: ProductStats | undefined;
  loading: boolean;
}) {
  return (
    <SimpleGrid cols={3} spacing="lg">
      <Tile
        label="Messages"
        value={stats?.total}
        loading={loading}
        icon={<IconMessages size={18} />}
        color="brand"
      />
      <Tile
        label="Active now"
        value={stats?.active}
        loading={loading}
        icon={<IconBolt size={18} />}
        color="green"
      />
      <Tile
        label="Impressions, last 30 days"
        value={stats?.impressions}
        loading={loading}
        icon={<IconEye size={18} />}
        color="grape"
      />
    </SimpleGrid>
  );
}

function Tile({
  label,
  value,
  loading,
  icon,
  color,
}: {
  label: string;
  value: number | undefined;
  loading: boolean;
  icon: ReactNode;
  color: string;
}) {
  return (
    <Paper p="md">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={28} w={60} mt={6} />
          ) : (
            <Text fz={26} fw={700} lh={1.3}>
              {value === undefined ? "—" : formatNumber(value)}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" color={color} size={38} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}
