import { SignJWT } from "jose";
import { buildMessage } from "./fixtures.js";

/** The render secret the render suites start their apps with, so they can forge tokens. */
export const renderSecret = "test-render-secret-0123456789-abcdefghijklmnop";

/** A block document with one of each leaf block. */
export const richContent = {
  root: { props: {} },
  content: [
    { type: "Heading", props: { id: "h", text: "Rich heading", level: 2 } },
    {
      type: "Text",
      props: {
        id: "t",
        text: [
          {
            type: "paragraph",
            children: [{ text: "Read the " }, { text: "guide", bold: true, href: "/docs" }],
          },
          { type: "list", items: [[{ text: "one" }], [{ text: "two" }]] },
        ],
      },
    },
    { type: "Image", props: { id: "i", src: "https://cdn.example.com/a.png", alt: "A" } },
    { type: "Button", props: { id: "b", label: "Open", href: "https://example.com/open" } },
    { type: "Video", props: { id: "v", url: "https://youtu.be/dQw4w9WgXcQ", title: "Intro" } },
    { type: "Divider", props: { id: "d" } },
    { type: "Spacer", props: { id: "s", size: 12 } },
  ],
};

/** An active one-step modal with rich content; override any field. */
export function richMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return buildMessage({
    status: "active",
    steps: [
      {
        type: "modal",
        title: "Welcome",
        body: "Plain fallback",
        ctaText: "Start",
        ctaUrl: "https://example.com/start",
        content: richContent,
      },
    ],
    ...overrides,
  } as never);
}

export interface ForgeOptions {
  secret?: string;
  alg?: "HS256" | "HS384" | "HS512";
  /** Seconds since the epoch. */
  iat?: number | null;
  exp?: number | null;
  nbf?: number;
  sub?: string | null;
  aud?: string | null;
}

/** A token signed as the test wishes, with claims left out when set to null. */
export async function forge(
  now: number,
  claims: Record<string, unknown>,
  options: ForgeOptions = {},
): Promise<string> {
  const seconds = Math.floor(now / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" });
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? seconds);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? seconds + 300);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  if (options.sub !== null && options.sub !== undefined) jwt.setSubject(options.sub);
  if (options.aud !== null) jwt.setAudience(options.aud ?? "nudge-render");
  return jwt.sign(new TextEncoder().encode(options.secret ?? renderSecret));
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An unsigned token (`alg: none`), the classic JWT downgrade. */
export function unsigned(claims: Record<string, unknown>): string {
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}

/** The token's claims, read without verifying. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}
