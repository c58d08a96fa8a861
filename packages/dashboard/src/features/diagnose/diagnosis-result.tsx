import { Alert, Badge, List, Table, Text } from "@mantine/core";
import { IconCircleCheck, IconCircleX } from "@tabler/icons-react";
import type { Diagnosis } from "../../api/types";
import { SectionCard } from "../../ui/section-card";
import { ruleLabel } from "./rule-labels";

export function DiagnosisResult({ diagnosis }: { diagnosis: Diagnosis }) {
  const failed = diagnosis.checks.filter((c) => !c.passed);
  return (
    <SectionCard title="Result" description={`For ${diagnosis.distinctId}`}>
      {diagnosis.visible ? (
        <Alert color="green" icon={<IconCircleCheck />} title="It would show">
          Every check passes for this user, page and event.
        </Alert>
      ) : (
        <Alert color="red" icon={<IconCircleX />} title="It would not show">
          {failed.length} check{failed.length === 1 ? "" : "s"} failed:{" "}
          {failed.map((c) => ruleLabel(c.rule)).join(", ")}.
        </Alert>
      )}
      <Table verticalSpacing="sm" data-testid="diagnose-checks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Result</Table.Th>
            <Table.Th w={230}>Check</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diagnosis.checks.map((c) => (
            <Table.Tr key={c.rule} data-rule={c.rule} data-passed={c.passed}>
              <Table.Td>
                <Badge
                  color={c.passed ? "green" : "red"}
                  variant="light"
                  miw={72}
                  leftSection={c.passed ? <IconCircleCheck size={12} /> : <IconCircleX size={12} />}
                >
                  {c.passed ? "Pass" : "Fail"}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {ruleLabel(c.rule)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diagnosis.notes.length > 0 && (
        <List size="sm" c="dimmed">
          {diagnosis.notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
