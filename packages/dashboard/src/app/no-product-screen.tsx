import { Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { describeError } from "../api/api-error";
import type { Me } from "../api/types";
import { useCreateProduct } from "../api/use-products";

/** An account whose organizations have no product yet: owners create one, others wait. */
export function NoProductScreen({ me }: { me: Me }) {
  const owned = me.organizations.find((o) => o.role === "owner");
  const create = useCreateProduct();
  const [name, setName] = useState("");
  return (
    <Center h="100vh" p="md">
      <Paper p="xl" maw={440} w="100%">
        <Stack>
          <Title order={2}>No product yet</Title>
          {owned ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate({ name, organizationId: owned.id });
              }}
            >
              <Stack>
                <Text c="dimmed">
                  A product is one web app you send messages in. Name it to start.
                </Text>
                <TextInput
                  label="Product name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={create.error ? describeError(create.error) : undefined}
                  required
                />
                <Button type="submit" loading={create.isPending}>
                  Create product
                </Button>
              </Stack>
            </form>
          ) : (
            <Text c="dimmed">
              You are not a member of any product yet. Ask an owner of your organization to add one.
            </Text>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
