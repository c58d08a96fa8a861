import { Group, Paper, Progress, Text } from "@mantine/core";

interface Props {
  label: string;
  value: string;
  detail: string;
  /** 0–1, drawn as a bar under rates. */
  share?: number;
  color?: string;
  testId?: string;
}

export function StatCard({ label, value, detail, share, color = "brand", testId }: Props) {
  return (
    <Paper p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group align="baseline" gap={6} mt={4}>
        <Text fz={28} fw={700} lh={1.2} data-testid={testId ? `${testId}-value` : undefined}>
          {value}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {detail}
      </Text>
      {share !== undefined && (
        <Progress value={share * 100} color={color} size="sm" mt="sm" aria-hidden />
      )}
    </Paper>
  );
}
