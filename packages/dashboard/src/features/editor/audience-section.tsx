import { Anchor, Group, NumberInput, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useContext } from "react";
import { Link } from "react-router";
import { useSegments } from "../../api/use-segments";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";
import { FilterBuilder } from "../segments/filter-builder";
import type { AudienceForm, AudienceKind } from "./editor-draft";
import { FieldErrorsContext, useFieldError } from "./field-errors";

const kinds = [
  { value: "none", label: "Everyone" },
  { value: "score", label: "Churn score" },
  { value: "segment", label: "Segment" },
  { value: "traits", label: "Traits" },
];

export function AudienceSection({
  value,
  onChange,
  disabled,
}: {
  value: AudienceForm;
  onChange: (a: AudienceForm) => void;
  disabled: boolean;
}) {
  const { product } = useSession();
  const segments = useSegments(product.id);
  const errors = useContext(FieldErrorsContext);
  const audienceError = useFieldError("audience");
  const set = (patch: Partial<AudienceForm>) => onChange({ ...value, ...patch });
  return (
    <SectionCard
      id="audience"
      title="Audience"
      description="Who may see it. Users outside the audience never get it."
    >
      <SegmentedControl
        aria-label="Audience type"
        data={kinds}
        value={value.type}
        onChange={(t) => set({ type: t as AudienceKind })}
        fullWidth
      />
      {value.type === "none" && (
        <Text size="sm" c="dimmed">
          Every user who meets the trigger can see this message.
        </Text>
      )}
      {value.type === "score" && (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <NumberInput
              label="Churn probability above"
              description="0–1, strictly greater"
              min={0}
              max={1}
              step={0.05}
              decimalScale={3}
              value={value.churnProbGt}
              onChange={(v) => set({ churnProbGt: typeof v === "number" ? v : "" })}
              error={errors["audience.churnProbGt"]}
            />
            <NumberInput
              label="Top N riskiest users"
              description="Rank by churn probability"
              min={1}
              allowDecimal={false}
              value={value.topN}
              onChange={(v) => set({ topN: typeof v === "number" ? v : "" })}
              error={errors["audience.topN"]}
            />
          </Group>
          <Text size="xs" c="dimmed">
            Set either or both. Users without a score never qualify.
          </Text>
        </Stack>
      )}
      {value.type === "segment" && (
        <Select
          label="Segment"
          placeholder={segments.isPending ? "Loading segments…" : "Pick a segment"}
          data={segments.data?.map((s) => ({ value: s.id, label: s.name })) ?? []}
          value={value.segmentId}
          onChange={(segmentId) => set({ segmentId })}
          error={errors["audience.segmentId"]}
          searchable
          nothingFoundMessage="No segment with that name"
          description={
            <>
              Saved trait filters, evaluated live.{" "}
              <Anchor component={Link} to="/segments" size="xs">
                Manage segments
              </Anchor>
            </>
          }
        />
      )}
      {value.type === "traits" && (
        <FilterBuilder
          value={value.filter}
          onChange={(filter) => set({ filter })}
          errors={errors}
          path="audience.filter"
          disabled={disabled}
        />
      )}
      {audienceError && (
        <Text size="sm" c="red">
          {audienceError}
        </Text>
      )}
    </SectionCard>
  );
}
