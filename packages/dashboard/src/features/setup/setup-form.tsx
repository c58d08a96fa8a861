import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { setupSchema } from "@nudge/schema";
import { useState } from "react";
import { isApiError } from "../../api/api-error";
import { useSetup } from "../../api/use-session-api";
import { FormError } from "../../ui/form-error";
import { issuesToFieldMap } from "../../ui/zod-errors";

const fields = ["email", "password", "organizationName", "productName"] as const;

export function SetupForm({
  onDone,
  onAlreadySetUp,
}: {
  onDone: () => void;
  onAlreadySetUp: () => void;
}) {
  const setup = useSetup();
  const [values, setValues] = useState({
    email: "",
    password: "",
    organizationName: "",
    productName: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [name]: value }));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = setupSchema.safeParse(values);
    if (!parsed.success) return setErrors(issuesToFieldMap(parsed.error.issues));
    setErrors({});
    setup.mutate(parsed.data, {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error, 409)) onAlreadySetUp();
        else if (isApiError(error)) setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Work email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={set("email")}
          error={errors.email}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          required
          value={values.password}
          onChange={set("password")}
          error={errors.password}
        />
        <TextInput
          label="Organization name"
          placeholder="Acme Inc."
          required
          value={values.organizationName}
          onChange={set("organizationName")}
          error={errors.organizationName}
        />
        <TextInput
          label="Product name"
          description="The web app you will send messages in"
          placeholder="Acme web app"
          required
          value={values.productName}
          onChange={set("productName")}
          error={errors.productName}
        />
        <FormError error={isApiError(setup.error, 409) ? null : setup.error} shown={[...fields]} />
        <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
          Create account and continue
        </Button>
      </Stack>
    </form>
  );
}
