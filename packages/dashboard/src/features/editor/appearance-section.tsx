import { ColorInput, Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import type { Appearance } from "@nudge/schema";
import { SectionCard } from "../../ui/section-card";
import { useFieldError } from "./field-errors";

const positions = [
  { value: "center", label: "Center" },
  { value: "top", label: "Top" },
  { value: "bottom", label: "Bottom" },
  { value: "bottom-right", label: "Bottom right" },
  { value: "bottom-left", label: "Bottom left" },
];

const themes = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "auto", label: "Match the user" },
];

export function AppearanceSection({
  value,
  onChange,
}: {
  value: Appearance;
  onChange: (a: Appearance) => void;
}) {
  const bgError = useFieldError("appearance.backgroundColor");
  const fgError = useFieldError("appearance.textColor");
  const set = (patch: Partial<Appearance>) => onChange({ ...value, ...patch });
  return (
    <SectionCard
      id="appearance"
      title="Appearance"
      description="How it looks on your site. The preview updates as you type."
    >
      <Group grow align="flex-start">
        <Select
          label="Position"
          data={positions}
          value={value.position}
          allowDeselect={false}
          onChange={(p) => p && set({ position: p as Appearance["position"] })}
          description="Modals center; banners use top or bottom"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="theme-label">
            Theme
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            data={themes}
            value={value.theme}
            onChange={(t) => set({ theme: t as Appearance["theme"] })}
          />
        </Stack>
      </Group>
      <Group grow align="flex-start">
        <ColorInput
          label="Background colour"
          placeholder="Theme default"
          format="hex"
          withEyeDropper={false}
          value={value.backgroundColor ?? ""}
          onChange={(c) => set({ backgroundColor: c })}
          error={bgError}
          swatches={["#ffffff", "#1f2937", "#4c6ef5", "#12b886", "#fab005", "#fa5252"]}
        />
        <ColorInput
          label="Text colour"
          placeholder="Theme default"
          format="hex"
          withEyeDropper={false}
          value={value.textColor ?? ""}
          onChange={(c) => set({ textColor: c })}
          error={fgError}
          swatches={["#111827", "#ffffff", "#364fc7"]}
        />
      </Group>
    </SectionCard>
  );
}
