import { localePreferencePattern } from "@nudge/schema";
import { jwtVerify, SignJWT } from "jose";
import { AppError } from "../app-error.js";
import type { Clock } from "../clock.js";
import { secretToken } from "../ids.js";
import type { ServerSecretStore } from "./ports.js";

/** The longest a render token may live (SPEC §5): a token whose exp − iat is longer is refused. */
export const renderTokenTtlSeconds = 300;
const audience = "nudge-render";
/** Node clocks of one deployment may disagree a little: a token minted "in the future" by that much passes. */
const clockSkewSeconds = 5;

/** What a valid render token grants: one message of one product, for one user or nobody. */
export interface RenderGrant {
  productId: string;
  messageId: string;
  distinctId: string | undefined;
  locale: string | undefined;
  /** Minted with a secret key: drafts and paused messages render too (a preview). */
  preview: boolean;
}

const invalid = () => new AppError("unauthorized", "Invalid or expired render token");

/**
 * Mints and checks render tokens: HS256 JWTs (jose) with `sub` = message id, `aud` =
 * "nudge-render", `pid` = product id, `iat` and `exp` (at most 300 s apart), and optionally the
 * user (`did`), the locale (`loc`) and `pre` for a preview. Verification pins the algorithm, so
 * `alg: none` and other algorithms fail; every failure is the same 401.
 */
export class RenderTokens {
  private key: Promise<Uint8Array> | undefined;

  constructor(
    private readonly secrets: ServerSecretStore,
    private readonly clock: Clock,
    private readonly configured: string | undefined,
  ) {}

  async mint(grant: RenderGrant): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.clock.now() / 1000);
    const claims: Record<string, unknown> = { pid: grant.productId };
    if (grant.distinctId !== undefined) claims.did = grant.distinctId;
    if (grant.locale !== undefined) claims.loc = grant.locale;
    if (grant.preview) claims.pre = true;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(grant.messageId)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + renderTokenTtlSeconds)
      .sign(await this.signingKey());
    return { token, expiresIn: renderTokenTtlSeconds };
  }

  /** The grant of a token presented for `messageId`; a 401 for any fault at all. */
  async verify(token: string, messageId: string): Promise<RenderGrant> {
    let payload: Record<string, unknown>;
    // Outside the try: a database that cannot be read is not the caller's invalid token.
    const key = await this.signingKey();
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        audience,
        subject: messageId,
        requiredClaims: ["exp", "iat", "sub", "pid"],
        // No tolerance: a token is dead the second its exp has passed.
        currentDate: new Date(this.clock.now()),
      }));
    } catch {
      throw invalid();
    }
    const { pid, did, loc, pre, iat, exp } = payload;
    // jose checked that exp is a number in the future; iat may only be a little ahead of this
    // node's clock (the minting node's may run ahead), and the two at most 300 s apart.
    if (typeof iat !== "number" || iat > this.clock.now() / 1000 + clockSkewSeconds)
      throw invalid();
    const lifetime = (exp as number) - iat;
    if (!(lifetime > 0 && lifetime <= renderTokenTtlSeconds)) throw invalid();
    if (typeof pid !== "string" || (did !== undefined && typeof did !== "string")) throw invalid();
    if (loc !== undefined && (typeof loc !== "string" || !localePreferencePattern.test(loc))) {
      throw invalid();
    }
    return {
      productId: pid,
      messageId,
      distinctId: did as string | undefined,
      locale: loc as string | undefined,
      preview: pre === true,
    };
  }

  /** NUDGE_RENDER_SECRET, else the installation's stored secret (made once, shared by all nodes). */
  private signingKey(): Promise<Uint8Array> {
    this.key ??= (async () => {
      const secret =
        this.configured ??
        (await this.secrets.getOrCreate("render", secretToken("rnd"), this.clock.now()));
      return new TextEncoder().encode(secret);
    })();
    // A failed read (database down) is retried on the next request, not cached.
    this.key.catch(() => {
      this.key = undefined;
    });
    return this.key;
  }
}
