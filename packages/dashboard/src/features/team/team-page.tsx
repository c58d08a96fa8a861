import { Badge, Button, Paper, Select, Skeleton, Stack, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Role, roles } from "@nudge/schema";
import { IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "../../api/api-error";
import { useMembers, useSetMemberRole } from "../../api/use-members";
import { useSession } from "../../app/session-context";
import { PageHeader } from "../../ui/page-header";
import { QueryError } from "../../ui/query-error";
import { AddMemberModal } from "./add-member-modal";
import { RemoveMemberButton } from "./remove-member-button";
import { roleHelp } from "./role-help";

export function TeamPage() {
  const { organization, isOwner, me } = useSession();
  const members = useMembers(organization.id);
  const setRole = useSetMemberRole(organization.id);
  const [adding, setAdding] = useState(false);
  const fail = (title: string) => (e: unknown) =>
    notifications.show({ color: "red", title, message: describeError(e) });
  return (
    <>
      <PageHeader
        title="Team"
        description={`People in ${organization.name} and what they may do.`}
        actions={
          isOwner && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
              Add member
            </Button>
          )
        }
      />
      <Paper p={0}>
        {members.isPending ? (
          <Stack p="md">
            <Skeleton h={20} />
            <Skeleton h={20} />
          </Stack>
        ) : members.isError ? (
          <Stack p="md">
            <QueryError error={members.error} onRetry={() => members.refetch()} />
          </Stack>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th w={200}>Role</Table.Th>
                <Table.Th w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((m) => (
                <Table.Tr key={m.accountId} data-testid="member-row">
                  <Table.Td>
                    <Text size="sm" fw={500} span>
                      {m.email}
                    </Text>
                    {m.accountId === me.account.id && (
                      <Badge ml="xs" size="xs" variant="light">
                        You
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {isOwner ? (
                      <Select
                        aria-label={`Role of ${m.email}`}
                        size="xs"
                        data={roles.map((r) => ({
                          value: r,
                          label: r[0]!.toUpperCase() + r.slice(1),
                        }))}
                        value={m.role}
                        allowDeselect={false}
                        onChange={(r) =>
                          r &&
                          r !== m.role &&
                          setRole.mutate(
                            { accountId: m.accountId, role: r as Role },
                            { onError: fail("Role not changed") },
                          )
                        }
                      />
                    ) : (
                      <Tooltip label={roleHelp[m.role]}>
                        <Badge variant="light" color="gray">
                          {m.role}
                        </Badge>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {isOwner && m.accountId !== me.account.id && <RemoveMemberButton member={m} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Text size="xs" c="dimmed" mt="md">
        Owners manage the team and products. Editors create and publish messages. Viewers can look
        at everything but change nothing.
      </Text>
      {isOwner && <AddMemberModal opened={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
