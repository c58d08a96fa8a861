import type { Product, Role } from "@nudge/schema";
import { createContext, useContext } from "react";
import type { Me } from "../api/types";

export interface Session {
  me: Me;
  products: Product[];
  product: Product;
  organization: Me["organizations"][number];
  role: Role;
  /** Owners and editors write; viewers only read (the server enforces it too). */
  canWrite: boolean;
  isOwner: boolean;
  selectProduct(productId: string): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The account, its role and the selected product; only inside <RequireSession>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() outside <RequireSession>");
  return session;
}

const productKey = "nudge.productId";

export function rememberedProductId(): string | null {
  try {
    return localStorage.getItem(productKey);
  } catch {
    return null;
  }
}

export function rememberProductId(id: string): void {
  try {
    localStorage.setItem(productKey, id);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
