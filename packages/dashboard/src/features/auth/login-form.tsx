import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useLogin } from "../../api/use-session-api";
import { FormError, fieldError } from "../../ui/form-error";

export function LoginForm({ onDone, notice }: { onDone: () => void; notice: string | null }) {
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate({ email, password }, { onSuccess: onDone });
      }}
    >
      <Stack>
        {notice && (
          <Alert color="blue" variant="light">
            {notice}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(login.error, "email")}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(login.error, "password")}
        />
        <FormError error={login.error} shown={["email", "password"]} />
        <Button type="submit" loading={login.isPending} fullWidth mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
