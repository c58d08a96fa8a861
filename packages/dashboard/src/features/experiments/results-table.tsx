import { Badge, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { ExperimentAnalysis } from "@nudge/schema";
import { formatNumber, formatPercent } from "../../ui/format";
import { formatInterval, formatUplift } from "./describe-experiment";

const nowrap = { whiteSpace: "nowrap" } as const;

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

/** One row per arm: the counts, then the posterior's read-out of them. */
export function ResultsTable({
  analysis,
  withDismissals,
}: {
  analysis: ExperimentAnalysis;
  withDismissals: boolean;
}) {
  const winner = analysis.verdict.kind === "winner" ? analysis.verdict.variantKey : null;
  return (
    <Table.ScrollContainer
      minWidth={900}
      // Keyboard users can scroll it when the window is narrow (axe: scrollable-region-focusable).
      scrollAreaProps={{
        viewportProps: { tabIndex: 0, role: "region", "aria-label": "Results per arm" },
      }}
    >
      <Table verticalSpacing="sm" data-testid="results-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Arm</Table.Th>
            <Table.Th ta="right">Exposures</Table.Th>
            <Table.Th ta="right">Conversions</Table.Th>
            <Table.Th ta="right">Conversion rate</Table.Th>
            <Table.Th>95% credible interval</Table.Th>
            <Table.Th>Uplift vs control (95%)</Table.Th>
            <Table.Th ta="right">Chance to beat control</Table.Th>
            <Table.Th ta="right">Expected loss</Table.Th>
            {withDismissals && (
              <Table.Th ta="right" w={110}>
                Dismiss rate
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.arms.map((arm) => (
            <Table.Tr key={arm.key} data-testid={`result-row-${arm.key}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} ff="monospace">
                    {arm.key}
                  </Text>
                  {arm.isControl && (
                    <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                      Control
                    </Badge>
                  )}
                  {winner === arm.key && (
                    <Badge size="xs" variant="light" color="green" style={{ flexShrink: 0 }}>
                      Leading
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right" data-testid="exposures">
                {formatNumber(arm.exposures)}
              </Table.Td>
              <Table.Td ta="right" data-testid="conversions">
                {formatNumber(arm.conversions)}
              </Table.Td>
              <Table.Td ta="right" data-testid="conversion-rate">
                {arm.exposures > 0 ? formatPercent(arm.conversionRate) : dash}
              </Table.Td>
              <Table.Td data-testid="credible-interval" style={nowrap}>
                {formatInterval(arm.posterior.ci95)}
              </Table.Td>
              <Table.Td>{arm.upliftCi95 ? formatUplift(arm.upliftCi95) : dash}</Table.Td>
              <Table.Td ta="right" data-testid="prob-beat-control">
                {arm.probBeatControl === null ? dash : formatPercent(arm.probBeatControl)}
              </Table.Td>
              <Table.Td ta="right" data-testid="expected-loss">
                {formatPercent(arm.expectedLoss)}
              </Table.Td>
              {withDismissals && (
                <Table.Td ta="right">
                  {arm.dismissRate === null ? (
                    dash
                  ) : (
                    <Stack gap={2} align="flex-end">
                      {formatPercent(arm.dismissRate)}
                      {arm.guardrailBreached && (
                        <Tooltip label="More dismissals than the guardrail allows: it cannot win">
                          <Badge size="xs" color="red" variant="light" style={{ flexShrink: 0 }}>
                            Guardrail
                          </Badge>
                        </Tooltip>
                      )}
                    </Stack>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
