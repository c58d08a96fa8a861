import { Badge, NavLink, Stack, Text } from "@mantine/core";
import {
  IconKey,
  IconMessages,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useSession } from "./session-context";

const links = [
  { to: "/messages", label: "Messages", icon: IconMessages },
  { to: "/segments", label: "Segments", icon: IconUsersGroup },
  { to: "/settings", label: "Settings", icon: IconSettings },
  { to: "/team", label: "Team", icon: IconUsers },
];

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { role, canWrite } = useSession();
  const { pathname } = useLocation();
  return (
    <Stack justify="space-between" h="100%">
      <nav aria-label="Main">
        <Stack gap={4}>
          {links.map(({ to, label, icon: Icon }) => {
            const active = pathname === to || pathname.startsWith(`${to}/`);
            return (
              <NavLink
                key={to}
                component={Link}
                to={to}
                onClick={onNavigate}
                label={label}
                active={active}
                aria-current={active ? "page" : undefined}
                leftSection={<Icon size={18} stroke={1.7} />}
                variant="light"
                styles={{
                  root: { borderRadius: "var(--mantine-radius-md)" },
                  label: { fontWeight: 500 },
                }}
              />
            );
          })}
        </Stack>
      </nav>
      <Stack gap={6} px="xs" pb="xs">
        {!canWrite && (
          <Badge variant="light" color="gray" leftSection={<IconKey size={12} />}>
            View only
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          Signed in as {role}
        </Text>
      </Stack>
    </Stack>
  );
}
