import { localesOf, localizeStep, personalizeStep, pickLocale } from "@nudge/content";
import type { BlockDocument, Message } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { DeliveryStore } from "../delivery/ports.js";
import type { MessageStore } from "../messages/ports.js";
import { preferredLocales } from "./accept-language.js";
import { renderPage } from "./render-page.js";
import type { RenderGrant, RenderTokens } from "./render-tokens.js";

const hasBlocks = (doc: BlockDocument | undefined) => (doc?.content.length ?? 0) > 0;

/** True when some step (or a translation of one) carries a non-empty block document (SPEC §8). */
export function hasContent(message: Message): boolean {
  return message.steps.some(
    (step) =>
      hasBlocks(step.content) ||
      Object.values(step.translations ?? {}).some((t) => hasBlocks(t.content)),
  );
}

/** Who asks for a page, and in which language. */
export interface PageRequest {
  /** Drafts and paused messages render too (a secret key, or a token it minted). */
  anyStatus: boolean;
  distinctId: string | undefined;
  /** Locales asked for explicitly (`?locale=`, the token's), before the user's `locale` trait. */
  requested: (string | undefined)[];
  /** The Accept-Language header, the last resort before the default texts. */
  acceptLanguage: string | undefined;
}

/** The render endpoint's domain: which message may be rendered, tokens for it, and its page. */
export class RenderService {
  constructor(readonly tokens: RenderTokens) {}

  /** The message, or 404 "Message not found" / "Message has no content". */
  async renderable(store: MessageStore, id: string, anyStatus: boolean): Promise<Message> {
    const message = await store.get(id);
    // A publishable key sees active messages only (SPEC §1); others do not exist for it.
    if (!message || (!anyStatus && message.status !== "active")) throw notFound("Message");
    if (!hasContent(message)) throw new AppError("not_found", "Message has no content");
    return message;
  }

  /** A token for one message of the store's product, after checking it can be rendered. */
  async mint(
    store: MessageStore,
    grant: Omit<RenderGrant, "productId">,
  ): Promise<{ token: string; expiresIn: number }> {
    await this.renderable(store, grant.messageId, grant.preview);
    return this.tokens.mint({ ...grant, productId: store.productId });
  }

  /** The message's page for one user (traits fill its placeholders) in the best locale. */
  async page(
    stores: { messages: MessageStore; delivery: DeliveryStore },
    id: string,
    request: PageRequest,
  ): Promise<string> {
    const message = await this.renderable(stores.messages, id, request.anyStatus);
    const profile = request.distinctId ? await stores.delivery.profile(request.distinctId) : null;
    const traits = profile?.traits ?? {};
    const trait = typeof traits.locale === "string" ? traits.locale : undefined;
    const locale = pickLocale(localesOf(message.steps), [
      ...request.requested,
      trait,
      ...preferredLocales(request.acceptLanguage),
    ]);
    const steps = message.steps.map((step) => personalizeStep(localizeStep(step, locale), traits));
    return renderPage({ steps, appearance: message.appearance, locale });
  }
}
