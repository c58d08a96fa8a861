import type { ProductSettings } from "./ports.js";

/** Auto-render is off until a team turns it on (SPEC §5), so installing the SDK changes nothing. */
export const defaultProductSettings: ProductSettings = {
  autoRender: false,
  attentionBudget: null,
  identityVerification: false,
};
