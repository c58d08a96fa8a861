import { Group, ThemeIcon, Tooltip } from "@mantine/core";
import type { Step } from "@nudge/schema";
import {
  IconAppWindow,
  IconLayoutBottombar,
  IconLayoutSidebarRight,
  IconMessageCircle,
} from "@tabler/icons-react";

type StepType = Step["type"];

export const stepTypeLabels: Record<StepType, string> = {
  modal: "Modal",
  banner: "Banner",
  slideout: "Slideout",
  tooltip: "Tooltip",
};

const icons = {
  modal: IconAppWindow,
  banner: IconLayoutBottombar,
  slideout: IconLayoutSidebarRight,
  tooltip: IconMessageCircle,
} satisfies Record<StepType, unknown>;

export function StepTypeIcon({ type, size = 16 }: { type: StepType; size?: number }) {
  const Icon = icons[type];
  return <Icon size={size} stroke={1.7} aria-hidden />;
}

/** The steps of a message as a row of small icons, e.g. modal → tooltip → tooltip. */
export function StepTypeIcons({ steps }: { steps: readonly Pick<Step, "type">[] }) {
  const label = steps.map((s) => stepTypeLabels[s.type]).join(", ");
  // Numbered positions are the identity here: "Step 2" is whatever is second.
  const shown = steps.slice(0, 4).map((s, i) => ({ type: s.type, label: `Step ${i + 1}` }));
  return (
    <Group
      gap={4}
      wrap="nowrap"
      aria-label={`${steps.length} step${steps.length === 1 ? "" : "s"}: ${label}`}
      role="img"
    >
      {shown.map((s) => (
        <Tooltip key={s.label} label={`${s.label}: ${stepTypeLabels[s.type]}`}>
          <ThemeIcon variant="light" color="gray" size="sm" radius="sm">
            <StepTypeIcon type={s.type} size={14} />
          </ThemeIcon>
        </Tooltip>
      ))}
      {steps.length > shown.length && (
        <ThemeIcon variant="transparent" color="gray" size="sm" fz="xs">
          +{steps.length - shown.length}
        </ThemeIcon>
      )}
    </Group>
  );
}
