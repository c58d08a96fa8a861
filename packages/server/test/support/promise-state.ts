/** Watches a promise: the returned function tells, at any later moment, how it has settled. */
export function promiseState(p: Promise<unknown>): () => "pending" | "resolved" | "rejected" {
  let state: "pending" | "resolved" | "rejected" = "pending";
  p.then(
    () => {
      state = "resolved";
    },
    () => {
      state = "rejected";
    },
  );
  return () => state;
}
