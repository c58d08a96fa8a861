import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import type { Me } from "../api/types";
import { useCreateProduct } from "../api/use-products";
import { FormError, fieldError } from "../ui/form-error";

interface Props {
  opened: boolean;
  onClose: () => void;
  organizations: Me["organizations"];
  onCreated: (productId: string) => void;
}

export function NewProductModal({ opened, onClose, organizations, onCreated }: Props) {
  const create = useCreateProduct();
  const [name, setName] = useState("");
  const [orgId, setOrgId] = useState<string | null>(organizations[0]?.id ?? null);
  return (
    <Modal opened={opened} onClose={onClose} title="New product">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!orgId) return;
          create.mutate(
            { name, organizationId: orgId },
            {
              onSuccess: (p) => {
                setName("");
                onCreated(p.id);
              },
            },
          );
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="One product is one web app you send messages in"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
            required
            data-autofocus
          />
          {organizations.length > 1 && (
            <Select
              label="Organization"
              data={organizations.map((o) => ({ value: o.id, label: o.name }))}
              value={orgId}
              onChange={setOrgId}
              allowDeselect={false}
            />
          )}
          <FormError error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create product
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
