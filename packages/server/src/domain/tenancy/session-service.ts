import { AppError } from "../app-error.js";
import type { Clock } from "../clock.js";
import { secretToken } from "../ids.js";
import type { TenancyStore } from "./ports.js";
import { decoyPasswordHash, hashToken, verifyPassword } from "./secrets.js";

export const sessionLifetimeMs = 14 * 24 * 3600 * 1000;

/** Dashboard sessions: an opaque random token in a cookie, stored hashed so a DB leak is not a login. */
export class SessionService {
  constructor(
    private readonly store: TenancyStore,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; accountId: string }> {
    const account = await this.store.findAccountByEmail(email.toLowerCase());
    const ok = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!account || !ok) throw new AppError("unauthorized", "Email or password is incorrect");
    return { token: await this.start(account.id), accountId: account.id };
  }

  async start(accountId: string): Promise<string> {
    const token = secretToken("ses");
    const now = this.clock.now();
    await this.store.createSession(hashToken(token), accountId, now, now + sessionLifetimeMs);
    return token;
  }

  async resolve(token: string): Promise<string | null> {
    const session = await this.store.findSession(hashToken(token), this.clock.now());
    return session?.accountId ?? null;
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
  }
}
