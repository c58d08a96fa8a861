import { Textarea, TextInput } from "@mantine/core";
import type { RichText } from "@nudge/schema";
import { IconAlertTriangle } from "@tabler/icons-react";
import { RichTextField } from "../content/rich-text-field";
import type { TranslationRow } from "./translation-rows";

interface Props {
  id: string;
  label: string;
  row: TranslationRow;
  value: string | RichText | undefined;
  missing: boolean;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: string | RichText) => void;
}

/** One locale's text of one row; a missing translation says so in words and with an icon. */
export function TranslationCell({
  id,
  label,
  row,
  value,
  missing,
  error,
  readOnly,
  onChange,
}: Props) {
  const flag = missing ? (
    <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-hidden />
  ) : null;
  const common = {
    id,
    "aria-label": missing ? `${label} (missing)` : label,
    placeholder: missing ? "Missing: shows the default" : undefined,
    readOnly,
    error,
    "data-missing": missing || undefined,
    styles: missing ? { input: { borderColor: "var(--mantine-color-orange-5)" } } : undefined,
  };
  if (row.kind === "rich") {
    return (
      <RichTextField
        id={id}
        label={common["aria-label"]}
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        compact
        error={error}
        {...(missing ? { placeholder: "Missing: shows the default" } : {})}
      />
    );
  }
  const text = typeof value === "string" ? value : "";
  if (row.kind === "long") {
    return (
      <Textarea
        {...common}
        value={text}
        autosize
        minRows={1}
        maxRows={6}
        rightSection={flag}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <TextInput
      {...common}
      value={text}
      rightSection={flag}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
