import { Badge, Button, Group, Menu, Text } from "@mantine/core";
import { IconCheck, IconPlus, IconSelector } from "@tabler/icons-react";
import { useState } from "react";
import { NewProductModal } from "./new-product-modal";
import { useSession } from "./session-context";

/** Organization → product picker; owners can add a product from here. */
export function ProductSwitcher() {
  const { products, product, me, selectProduct } = useSession();
  const [creating, setCreating] = useState(false);
  const ownerOf = me.organizations.filter((o) => o.role === "owner");
  return (
    <>
      <Menu position="bottom-start" width={280}>
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconSelector size={16} />}
            aria-label={`Product: ${product.name}. Switch product`}
            maw={280}
          >
            <Text size="sm" fw={500} truncate>
              {product.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {me.organizations.map((org) => (
            <div key={org.id}>
              <Menu.Label>
                <Group justify="space-between">
                  <span>{org.name}</span>
                  <Badge size="xs" variant="light" color="gray">
                    {org.role}
                  </Badge>
                </Group>
              </Menu.Label>
              {products
                .filter((p) => p.organizationId === org.id)
                .map((p) => (
                  <Menu.Item
                    key={p.id}
                    onClick={() => selectProduct(p.id)}
                    rightSection={p.id === product.id ? <IconCheck size={16} /> : null}
                  >
                    {p.name}
                  </Menu.Item>
                ))}
            </div>
          ))}
          {ownerOf.length > 0 && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                New product
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <NewProductModal
        opened={creating}
        onClose={() => setCreating(false)}
        organizations={ownerOf}
        onCreated={(id) => {
          setCreating(false);
          selectProduct(id);
        }}
      />
    </>
  );
}
