import { createContext, useContext } from "react";

/** Errors of the last save attempt, keyed by API path (`steps.1.selector`). */
export const FieldErrorsContext = createContext<Record<string, string>>({});

export function useFieldError(path: string): string | undefined {
  return useContext(FieldErrorsContext)[path];
}

/** Every error at or below `prefix`, e.g. all of `audience.filter`. */
export function useErrorsUnder(prefix: string): [string, string][] {
  const errors = useContext(FieldErrorsContext);
  return Object.entries(errors).filter(([p]) => p === prefix || p.startsWith(`${prefix}.`));
}
