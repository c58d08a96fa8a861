import { Alert, Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle } from "@tabler/icons-react";
import { describeError } from "../../api/api-error";
import { useUpdateProduct } from "../../api/use-products";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";

export function AutoRenderCard() {
  const { product, canWrite } = useSession();
  const update = useUpdateProduct(product.id);
  const checked = update.isPending ? Boolean(update.variables?.autoRender) : product.autoRender;
  return (
    <SectionCard
      id="in-app"
      title="In-app messages"
      description="Whether the SDK on your site renders active messages by itself."
    >
      <Switch
        size="md"
        label="Auto-render in-app messages"
        description="Off: the SDK renders nothing on its own; your app can still read messages through the headless API."
        checked={checked}
        disabled={!canWrite || update.isPending}
        onChange={(e) =>
          update.mutate(
            { autoRender: e.currentTarget.checked },
            {
              onSuccess: (p) =>
                notifications.show({
                  color: "green",
                  message: `Auto-render is ${p.autoRender ? "on" : "off"}`,
                  autoClose: 2500,
                }),
              onError: (err) =>
                notifications.show({
                  color: "red",
                  title: "Not changed",
                  message: describeError(err),
                }),
            },
          )
        }
      />
      {!product.autoRender && (
        <Alert variant="light" color="yellow" icon={<IconInfoCircle />}>
          Active messages will not appear on your site until this is on.
        </Alert>
      )}
    </SectionCard>
  );
}
