import type { Product, ProductPatch } from "@nudge/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

export function useProducts(enabled = true) {
  return useQuery({
    queryKey: queryKeys.products,
    queryFn: async () => (await api<{ items: Product[] }>("/products")).items,
    enabled,
  });
}

export function useCreateProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; organizationId: string }) =>
      api<Product>("/products", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.products }),
  });
}

export function useUpdateProduct(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProductPatch) =>
      api<Product>(productPath(productId), { method: "PATCH", body: patch }),
    onSuccess: (product) => {
      client.setQueryData<Product[]>(queryKeys.products, (list) =>
        list?.map((p) => (p.id === product.id ? product : p)),
      );
    },
  });
}
