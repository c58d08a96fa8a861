import { ActionIcon, Box, Code, CopyButton, Tabs, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useKeys } from "../../api/use-keys";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";

function snippets(origin: string, key: string) {
  return {
    script: `<script src="${origin}/sdk.js" data-api-key="${key}"></script>

<!-- After your user logs in, tell Nudge who they are: -->
<script>
  nudge.identify("USER_ID", { plan: "pro" });
</script>`,
    npm: `npm install @nudge/sdk

import { init, identify } from "@nudge/sdk";

init({ apiKey: "${key}", host: "${origin}" });
identify(user.id, { plan: user.plan });`,
  };
}

/** How to put the SDK on a site, filled in with this server and a publishable key. */
export function InstallSnippetCard({ freshKey }: { freshKey: string | null }) {
  const { product } = useSession();
  const keys = useKeys(product.id);
  const pk = keys.data?.find((k) => k.type === "publishable" && !k.revokedAt);
  const key = freshKey ?? (pk ? `${pk.prefix.replace(/…$/, "")}…` : "pk_…");
  const { script, npm } = snippets(window.location.origin, key);
  return (
    <SectionCard
      id="install"
      title="Install the SDK"
      description="Add Nudge to your web app once; then every message is managed from here."
    >
      <Tabs defaultValue="script" variant="outline">
        <Tabs.List>
          <Tabs.Tab value="script">Script tag</Tabs.Tab>
          <Tabs.Tab value="npm">npm</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="script" pt="sm">
          <Snippet code={script} label="script tag snippet" />
        </Tabs.Panel>
        <Tabs.Panel value="npm" pt="sm">
          <Snippet code={npm} label="npm snippet" />
        </Tabs.Panel>
      </Tabs>
      {!freshKey && (
        <Text size="xs" c="dimmed">
          Replace <Code>{key}</Code> with your full publishable key. Keys are shown in full only
          when created; create a new publishable key below if you no longer have it.
        </Text>
      )}
    </SectionCard>
  );
}

function Snippet({ code, label }: { code: string; label: string }) {
  return (
    <Box pos="relative">
      <Code block style={{ fontSize: 13, paddingRight: 48 }}>
        {code}
      </Code>
      <CopyButton value={code}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : "Copy"}>
            <ActionIcon
              variant="default"
              onClick={copy}
              pos="absolute"
              top={8}
              right={8}
              aria-label={`Copy ${label}`}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}
