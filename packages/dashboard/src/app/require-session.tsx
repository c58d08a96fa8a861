import { useCallback, useMemo, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useProducts } from "../api/use-products";
import { useMe } from "../api/use-session-api";
import { FullPageError, FullPageLoader } from "./full-page-states";
import { NoProductScreen } from "./no-product-screen";
import {
  rememberedProductId,
  rememberProductId,
  type Session,
  SessionContext,
} from "./session-context";

/** Auth guard: no session → /welcome; otherwise provides the account and selected product. */
export function RequireSession() {
  const me = useMe();
  const products = useProducts(Boolean(me.data));
  const location = useLocation();
  const navigate = useNavigate();
  const [selectedId, setSelectedId] = useState<string | null>(rememberedProductId);

  const selectProduct = useCallback(
    (id: string) => {
      rememberProductId(id);
      setSelectedId(id);
      if (/^\/(?:messages|experiments)\/./.test(location.pathname)) navigate("/messages");
    },
    [location.pathname, navigate],
  );

  const session = useMemo<Session | null>(() => {
    if (!me.data || !products.data || products.data.length === 0) return null;
    const product = products.data.find((p) => p.id === selectedId) ?? products.data[0]!;
    const organization = me.data.organizations.find((o) => o.id === product.organizationId) ?? {
      id: product.organizationId,
      name: "Organization",
      role: "viewer" as const,
    };
    return {
      me: me.data,
      products: products.data,
      product,
      organization,
      role: organization.role,
      canWrite: organization.role !== "viewer",
      isOwner: organization.role === "owner",
      selectProduct,
    };
  }, [me.data, products.data, selectedId, selectProduct]);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => me.refetch()} />;
  if (me.data === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/welcome?next=${encodeURIComponent(next)}`} replace />;
  }
  if (products.isPending) return <FullPageLoader />;
  if (products.isError) {
    return <FullPageError error={products.error} onRetry={() => products.refetch()} />;
  }
  if (!session) return <NoProductScreen me={me.data} />;
  return (
    <SessionContext.Provider value={session}>
      <Outlet />
    </SessionContext.Provider>
  );
}
