import type { Filter } from "@nudge/schema";
import { FilterGroup } from "./filter-group";

interface Props {
  value: Filter;
  onChange: (filter: Filter) => void;
  /** Errors keyed by API path; `path` is where this filter sits (`filter`, `audience.filter`). */
  errors?: Record<string, string>;
  path: string;
  disabled?: boolean;
}

/**
 * Builds a trait filter (SPEC §4): groups matching all / any / none of their conditions, nested
 * up to three levels, with every operator the rules engine supports.
 */
export function FilterBuilder({ value, onChange, errors = {}, path, disabled }: Props) {
  return (
    <FilterGroup
      value={value}
      onChange={onChange}
      errors={errors}
      path={path}
      depth={0}
      disabled={disabled ?? false}
    />
  );
}
