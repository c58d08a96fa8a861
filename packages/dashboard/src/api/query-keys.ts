/** Every query key in one place, so invalidation never misses a cache entry. */
export const queryKeys = {
  me: ["me"] as const,
  products: ["products"] as const,
  product: (pid: string) => ["products", pid] as const,
  messages: (pid: string) => ["products", pid, "messages"] as const,
  messageList: (pid: string, status: string) =>
    ["products", pid, "messages", "list", status] as const,
  message: (pid: string, id: string) => ["products", pid, "messages", "one", id] as const,
  messageStats: (pid: string, id: string, days: number) =>
    ["products", pid, "stats", "message", id, days] as const,
  productStats: (pid: string) => ["products", pid, "stats", "product"] as const,
  eventNames: (pid: string) => ["products", pid, "event-names"] as const,
  traitKeys: (pid: string) => ["products", pid, "trait-keys"] as const,
  userTraits: (pid: string, distinctId: string) => ["products", pid, "users", distinctId] as const,
  keys: (pid: string) => ["products", pid, "keys"] as const,
  experiment: (pid: string, id: string) => ["products", pid, "experiments", id] as const,
  experimentResults: (pid: string, id: string) =>
    ["products", pid, "experiments", id, "results"] as const,
  segments: (pid: string) => ["products", pid, "segments"] as const,
  segmentCount: (pid: string, filter: string) =>
    ["products", pid, "segments", "count", filter] as const,
  members: (orgId: string) => ["organizations", orgId, "members"] as const,
};
