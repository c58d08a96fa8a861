import { ActionIcon, Group, Select, TextInput, Tooltip } from "@mantine/core";
import { type FilterOp, filterOps } from "@nudge/schema";
import { IconX } from "@tabler/icons-react";
import { type Leaf, opLabels, withOp } from "./filter-model";
import { FilterValueInput } from "./filter-value-input";

const opData = filterOps.map((op) => ({ value: op, label: opLabels[op] }));

interface Props {
  value: Leaf;
  index: number;
  onChange: (leaf: Leaf) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  path: string;
  disabled: boolean;
}

/** One `trait op value` row. */
export function FilterCondition({
  value,
  index,
  onChange,
  onRemove,
  errors,
  path,
  disabled,
}: Props) {
  const n = index + 1;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid="filter-condition">
      <TextInput
        aria-label={`Condition ${n}: trait`}
        placeholder="trait, e.g. plan"
        value={value.trait}
        onChange={(e) => onChange({ ...value, trait: e.currentTarget.value })}
        error={errors[`${path}.trait`]}
        w={150}
        disabled={disabled}
      />
      <Select
        aria-label={`Condition ${n}: operator`}
        data={opData}
        value={value.op}
        onChange={(op) => op && onChange(withOp(value, op as FilterOp))}
        allowDeselect={false}
        w={150}
        comboboxProps={{ withinPortal: true }}
        error={errors[`${path}.op`]}
        disabled={disabled}
      />
      <FilterValueInput
        leaf={value}
        onChange={onChange}
        error={errors[`${path}.value`] ?? errors[path]}
        label={`Condition ${n}: value`}
        disabled={disabled}
      />
      <Tooltip label="Remove condition">
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onRemove}
          aria-label={`Remove condition ${n}`}
          mt={6}
          disabled={disabled}
        >
          <IconX size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
