import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { memberCreateSchema, type Role, roles } from "@nudge/schema";
import { useState } from "react";
import { ApiError } from "../../api/api-error";
import { useAddMember } from "../../api/use-members";
import { useSession } from "../../app/session-context";
import { FormError } from "../../ui/form-error";
import { issuesToFieldMap } from "../../ui/zod-errors";
import { roleHelp } from "./role-help";

export function AddMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { organization } = useSession();
  const add = useAddMember(organization.id);
  const [values, setValues] = useState({ email: "", password: "", role: "editor" as Role });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setValues({ email: "", password: "", role: "editor" });
    setErrors({});
    add.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Add a member to ${organization.name}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = memberCreateSchema.safeParse(values);
          if (!parsed.success) return setErrors(issuesToFieldMap(parsed.error.issues));
          setErrors({});
          add.mutate(parsed.data, {
            onSuccess: (m) => {
              notifications.show({
                color: "green",
                message: `Added ${m.email} as ${m.role}`,
                autoClose: 3000,
              });
              close();
            },
            onError: (err) => err instanceof ApiError && setErrors(err.fieldErrors),
          });
        }}
      >
        <Stack>
          <TextInput
            label="Email"
            type="email"
            value={values.email}
            onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
            error={errors.email}
            required
            data-autofocus
          />
          <PasswordInput
            label="Initial password"
            description="Share it privately; at least 8 characters. Existing accounts keep their password."
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            error={errors.password}
            required
            autoComplete="new-password"
          />
          <Select
            label="Role"
            data={roles.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }))}
            value={values.role}
            onChange={(r) => r && setValues({ ...values, role: r as Role })}
            allowDeselect={false}
            description={roleHelp[values.role]}
            error={errors.role}
          />
          <FormError error={add.error} shown={["email", "password", "role"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
