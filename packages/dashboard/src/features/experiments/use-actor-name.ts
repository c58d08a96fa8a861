import { useKeys } from "../../api/use-keys";
import { useMembers } from "../../api/use-members";
import { useSession } from "../../app/session-context";

/**
 * Who did it, readably: the server records an account id (a dashboard session) or an API key id
 * (a server-to-server call). Falls back to the raw id when the person or key is gone.
 */
export function useActorName(actor: string | null): string | null {
  const { organization, product, me } = useSession();
  const isKey = actor?.startsWith("key_") ?? false;
  const members = useMembers(organization.id, actor !== null && !isKey);
  const keys = useKeys(product.id, isKey);
  if (actor === null) return null;
  if (actor === me.account.id) return `you (${me.account.email})`;
  if (isKey) {
    const key = keys.data?.find((k) => k.id === actor);
    return key ? `the API key “${key.name}”` : "an API key";
  }
  return members.data?.find((m) => m.accountId === actor)?.email ?? actor;
}
