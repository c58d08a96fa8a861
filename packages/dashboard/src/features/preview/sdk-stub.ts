/**
 * Stands in for `@nudge/sdk` while packages/sdk/src/index.ts does not exist yet (vite.config.ts
 * picks the real entry as soon as it does). Without `preview`, the dashboard uses MockPreview.
 */
export const preview: unknown = undefined;
