import { z } from "zod";

/**
 * `GET /api/v1/products/:productId/trait-keys`: the trait names the product's people carry, so
 * authors can write `{{ traits.<key> }}` placeholders without guessing. Taken from a sample of
 * the most recently updated people, with how many of them carry each key.
 */
export const traitKeysSchema = z
  .object({
    items: z.array(z.object({ key: z.string(), users: z.number().int() })),
    /** How many people were looked at (the most recently updated ones). */
    sampled: z.number().int(),
  })
  .meta({ id: "TraitKeys" });
export type TraitKeys = z.infer<typeof traitKeysSchema>;

/**
 * `GET /api/v1/products/:productId/users/:distinctId`: one person's stored traits. A person not
 * seen yet is `known: false` with no traits, which is what they would see.
 */
export const userTraitsSchema = z
  .object({
    distinctId: z.string(),
    known: z.boolean(),
    traits: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "UserTraits" });
export type UserTraits = z.infer<typeof userTraitsSchema>;
