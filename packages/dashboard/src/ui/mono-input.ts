/** `styles` for inputs holding code (regexes, selectors, paths): monospace text, normal label. */
export const monoInput = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };
