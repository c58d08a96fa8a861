import { Anchor, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useMe } from "../../api/use-session-api";
import { BrandMark } from "../../app/brand-mark";
import { FullPageLoader } from "../../app/full-page-states";
import { LoginForm } from "../auth/login-form";
import { installKnown, rememberInstall } from "./install-known";
import { SetupForm } from "./setup-form";

/**
 * Signed-out entry: sign in, or — on a fresh install — create the first account. The server
 * cannot be asked whether setup is still open, so the first visit in a browser offers setup and
 * a 409 from /setup switches to sign-in.
 */
export function WelcomePage() {
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [mode, setMode] = useState<"login" | "setup">(installKnown() ? "login" : "setup");
  const [notice, setNotice] = useState<string | null>(null);
  const next = safeNext(params.get("next"));

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={next} replace />;

  const done = () => {
    rememberInstall();
    navigate(next, { replace: true });
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-light)">
      <Stack w="100%" maw={440} gap="lg">
        <Center>
          <BrandMark />
        </Center>
        <Paper p="xl" shadow="sm">
          {mode === "setup" ? (
            <Stack>
              <div>
                <Title order={1} size="h3">
                  Set up Nudge
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  Create the owner account, your organization and the first product (your web app).
                </Text>
              </div>
              <SetupForm
                onDone={done}
                onAlreadySetUp={() => {
                  rememberInstall();
                  setNotice("This server is already set up. Sign in with your account.");
                  setMode("login");
                }}
              />
            </Stack>
          ) : (
            <Stack>
              <div>
                <Title order={1} size="h3">
                  Sign in
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  Author, preview and publish in-app messages.
                </Text>
              </div>
              <LoginForm onDone={done} notice={notice} />
            </Stack>
          )}
        </Paper>
        <Text ta="center" size="sm" c="dimmed">
          {mode === "setup" ? "Already have an account? " : "Installing Nudge for the first time? "}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setNotice(null);
              setMode(mode === "setup" ? "login" : "setup");
            }}
          >
            {mode === "setup" ? "Sign in" : "Set up this server"}
          </Anchor>
        </Text>
      </Stack>
    </Center>
  );
}

/** Only same-app paths, never `//evil.example`. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/welcome")
    ? next
    : "/messages";
}
