import { Stack } from "@mantine/core";
import { useState } from "react";
import { useSession } from "../../app/session-context";
import { PageHeader } from "../../ui/page-header";
import { ApiKeysCard } from "./api-keys-card";
import { AttentionBudgetCard } from "./attention-budget-card";
import { AutoRenderCard } from "./auto-render-card";
import { InstallSnippetCard } from "./install-snippet-card";
import { ProductNameCard } from "./product-name-card";

export function SettingsPage() {
  const { product } = useSession();
  // A key created in this visit is shown in full in the snippet; afterwards only its prefix exists.
  const [freshKey, setFreshKey] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="Settings" description={`Product settings for ${product.name}.`} />
      <Stack gap="lg">
        <AutoRenderCard key={`ar-${product.id}`} />
        <ApiKeysCard
          key={`keys-${product.id}`}
          onCreated={(key) => key.startsWith("pk_") && setFreshKey(key)}
        />
        <InstallSnippetCard key={`snip-${product.id}`} freshKey={freshKey} />
        <AttentionBudgetCard key={`budget-${product.id}`} />
        <ProductNameCard key={`name-${product.id}`} />
      </Stack>
    </>
  );
}
