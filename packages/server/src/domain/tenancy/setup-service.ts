import type { SetupInput } from "@nudge/schema";
import { AppError } from "../app-error.js";
import type { Clock } from "../clock.js";
import { newId } from "../ids.js";
import { mintKey } from "./api-keys.js";
import { defaultProductSettings } from "./default-settings.js";
import type { TenancyStore } from "./ports.js";
import { hashPassword } from "./secrets.js";

export interface SetupResult {
  organizationId: string;
  productId: string;
  accountId: string;
  publishableKey: string;
  secretKey: string;
}

/** First run: only while no account exists; afterwards 409, so a live install cannot be taken over. */
export function runSetup(
  store: TenancyStore,
  clock: Clock,
  input: SetupInput,
): Promise<SetupResult> {
  return provisionTenant(store, clock, input, { firstRun: true });
}

/**
 * A new organization with its owner, first product and a key of each type. Outside the first
 * run it is how operators (and tests) add further tenants.
 */
export async function provisionTenant(
  store: TenancyStore,
  clock: Clock,
  input: SetupInput,
  options: { firstRun: boolean },
): Promise<SetupResult> {
  const alreadySetUp = () =>
    new AppError("already_set_up", "Nudge already has an account; log in instead.");
  if (options.firstRun && (await store.countAccounts()) > 0) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password);
  const publishable = mintKey("publishable", "Default publishable key");
  const secret = mintKey("secret", "Default secret key");
  const ids = { org: newId("org"), product: newId("prd"), account: newId("acc") };
  const created = await store.createTenant({
    onlyIfNoAccounts: options.firstRun,
    organization: { id: ids.org, name: input.organizationName },
    account: { id: ids.account, email: input.email, passwordHash },
    product: { id: ids.product, name: input.productName, settings: defaultProductSettings },
    keys: [publishable.record, secret.record],
    now: clock.now(),
  });
  if (!created) throw alreadySetUp();
  return {
    organizationId: ids.org,
    productId: ids.product,
    accountId: ids.account,
    publishableKey: publishable.key,
    secretKey: secret.key,
  };
}
