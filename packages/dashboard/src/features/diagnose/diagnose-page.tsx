import { Anchor, Group, Stack } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/api-error";
import { useMessage } from "../../api/use-messages";
import { type DiagnoseInput, runDiagnose } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { FormError } from "../../ui/form-error";
import { PageHeader } from "../../ui/page-header";
import { SectionCard } from "../../ui/section-card";
import { DiagnoseForm } from "./diagnose-form";
import { DiagnosisResult } from "./diagnosis-result";

/** `/messages/:id/diagnose`: "Why isn't it showing?" — every rule for one user, pass or fail. */
export function DiagnosePage() {
  const { id = "" } = useParams();
  const { product } = useSession();
  const message = useMessage(product.id, id);
  const run = useMutation({
    mutationFn: (input: DiagnoseInput) => runDiagnose(product.id, id, input),
  });
  const errors = run.error instanceof ApiError ? run.error.fieldErrors : {};
  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={`/messages/${id}`} size="sm" c="dimmed">
            <Group gap={4}>
              <IconArrowLeft size={14} /> {message.data?.name ?? "Message"}
            </Group>
          </Anchor>
        }
        title="Why isn’t it showing?"
        description="Check one user on one page against every rule the server and the SDK apply."
      />
      <Stack gap="lg">
        <SectionCard title="Who and where">
          <DiagnoseForm
            onRun={(input) => run.mutate(input)}
            running={run.isPending}
            errors={errors}
          />
          <FormError error={run.error} shown={["distinct_id", "querystring.distinct_id"]} />
        </SectionCard>
        {run.data && <DiagnosisResult diagnosis={run.data} />}
      </Stack>
    </>
  );
}
