import { Group, NumberInput, Select, TagsInput, TextInput } from "@mantine/core";
import { fromLocalInput, toLocalInput } from "../../ui/datetime";
import {
  convertScalar,
  kindOf,
  type Leaf,
  needsDate,
  needsList,
  needsNoValue,
  needsNumber,
  type Scalar,
  type ValueKind,
} from "./filter-model";

const kinds = [
  { value: "text", label: "Text" },
  { value: "number", label: "Number" },
  { value: "boolean", label: "Yes/No" },
];

interface Props {
  leaf: Leaf;
  onChange: (leaf: Leaf) => void;
  error: string | undefined;
  label: string;
  disabled: boolean;
}

/** The value box of a condition, shaped by the operator; equality keeps the value's type. */
export function FilterValueInput({ leaf, onChange, error, label, disabled }: Props) {
  const set = (value: Leaf["value"]) => onChange({ ...leaf, value });
  const { op } = leaf;
  if (needsNoValue(op)) return <div style={{ flex: 1 }} />;
  if (needsNumber(op)) {
    return (
      <NumberInput
        aria-label={label}
        value={typeof leaf.value === "number" ? leaf.value : ""}
        onChange={(v) => set(typeof v === "number" ? v : 0)}
        error={error}
        style={{ flex: 1 }}
        disabled={disabled}
      />
    );
  }
  if (needsDate(op)) {
    return (
      <TextInput
        aria-label={label}
        type="datetime-local"
        value={toLocalInput(leaf.value)}
        onChange={(e) => set(fromLocalInput(e.currentTarget.value))}
        error={error}
        style={{ flex: 1 }}
        disabled={disabled}
      />
    );
  }
  const kind = kindOf(leaf.value);
  const kindSelect = (
    <Select
      aria-label={`${label} type`}
      data={kinds}
      value={kind}
      allowDeselect={false}
      w={96}
      disabled={disabled}
      onChange={(k) => {
        const to = (k ?? "text") as ValueKind;
        set(
          Array.isArray(leaf.value)
            ? leaf.value.map((v) => convertScalar(v, to))
            : convertScalar(leaf.value, to),
        );
      }}
    />
  );
  if (needsList(op)) {
    const list = Array.isArray(leaf.value) ? leaf.value : [];
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" style={{ flex: 1 }}>
        <TagsInput
          aria-label={label}
          placeholder="Type a value, press Enter"
          value={list.map(String)}
          onChange={(vs) => set(vs.map((v) => convertScalar(v, kind)))}
          error={error}
          style={{ flex: 1 }}
          disabled={disabled}
        />
        {kindSelect}
      </Group>
    );
  }
  const scalar = leaf.value as Scalar | undefined;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" style={{ flex: 1 }}>
      {kind === "boolean" ? (
        <Select
          aria-label={label}
          data={[
            { value: "true", label: "true" },
            { value: "false", label: "false" },
          ]}
          value={String(scalar === true)}
          onChange={(v) => set(v === "true")}
          allowDeselect={false}
          style={{ flex: 1 }}
          error={error}
          disabled={disabled}
        />
      ) : kind === "number" ? (
        <NumberInput
          aria-label={label}
          value={typeof scalar === "number" ? scalar : ""}
          onChange={(v) => set(typeof v === "number" ? v : 0)}
          error={error}
          style={{ flex: 1 }}
          disabled={disabled}
        />
      ) : (
        <TextInput
          aria-label={label}
          placeholder="value"
          value={scalar === undefined ? "" : String(scalar)}
          onChange={(e) => set(e.currentTarget.value)}
          error={error}
          style={{ flex: 1 }}
          disabled={disabled}
        />
      )}
      {kindSelect}
    </Group>
  );
}
