import { Button, Group, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useUpdateProduct } from "../../api/use-products";
import { useSession } from "../../app/session-context";
import { fieldError } from "../../ui/form-error";
import { SectionCard } from "../../ui/section-card";

export function ProductNameCard() {
  const { product, canWrite } = useSession();
  const update = useUpdateProduct(product.id);
  const [name, setName] = useState(product.name);
  return (
    <SectionCard id="product" title="Product" description={`Id ${product.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { name },
            {
              onSuccess: () =>
                notifications.show({ color: "green", message: "Product renamed", autoClose: 2500 }),
            },
          );
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(update.error, "name")}
            disabled={!canWrite}
            style={{ flex: 1 }}
            maxLength={200}
          />
          {canWrite && (
            <Button
              type="submit"
              variant="default"
              loading={update.isPending}
              disabled={name.trim() === product.name || !name.trim()}
            >
              Rename
            </Button>
          )}
        </Group>
      </form>
    </SectionCard>
  );
}
