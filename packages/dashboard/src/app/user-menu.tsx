import { Avatar, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconApi, IconLogout } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useLogout } from "../api/use-session-api";
import { useSession } from "./session-context";

export function UserMenu() {
  const { me, role, organization } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const email = me.account.email;
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${email}`}>
          <Avatar color="brand" radius="xl" size={34}>
            {(email.split("@")[0] ?? email).slice(0, 2).toUpperCase()}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="var(--mantine-color-text)" truncate>
            {email}
          </Text>
          <Text size="xs" c="dimmed">
            {role} · {organization.name}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component="a" href="/docs" target="_blank" leftSection={<IconApi size={16} />}>
          API reference
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/welcome") })}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
