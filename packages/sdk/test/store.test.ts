import { describe, expect, it } from "vitest";
import { safeStore } from "../src/core/store.js";
import { memoryStorage } from "./fakes.js";

describe("safeStore", () => {
  it("round-trips JSON through the real storage", () => {
    const raw = memoryStorage();
    const store = safeStore(() => raw);
    store.set("k", { a: 1 });
    expect(raw.data.get("k")).toBe('{"a":1}');
    expect(store.get("k")).toEqual({ a: 1 });
    store.remove("k");
    expect(store.get("k")).toBeUndefined();
  });

  it("keeps working in memory when opening the storage throws (blocked cookies, sandbox)", () => {
    const store = safeStore(() => {
      throw new DOMException("denied", "SecurityError");
    });
    store.set("k", 1);
    expect(store.get("k")).toBe(1);
  });

  it("keeps working in memory when every call throws (quota, Safari private mode)", () => {
    const store = safeStore(() => ({
      getItem() {
        throw new Error("no");
      },
      setItem() {
        throw new Error("QuotaExceededError");
      },
      removeItem() {
        throw new Error("no");
      },
    }));
    store.set("k", [1, 2]);
    expect(store.get("k")).toEqual([1, 2]);
    store.remove("k");
    expect(store.get("k")).toBeUndefined();
  });

  it("reads garbage as undefined", () => {
    const raw = memoryStorage();
    raw.setItem("k", "{not json");
    expect(safeStore(() => raw).get("k")).toBeUndefined();
    expect(safeStore(() => null).get("k")).toBeUndefined();
  });
});
