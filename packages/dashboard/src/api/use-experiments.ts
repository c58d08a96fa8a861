import type { Experiment, ExperimentPatch, ExperimentResults, Message } from "@nudge/schema";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, productPath } from "./client";
import { queryKeys } from "./query-keys";

const experimentPath = (productId: string, id: string, rest = "") =>
  productPath(productId, `/experiments/${encodeURIComponent(id)}${rest}`);

export interface VariantCreated {
  experiment: Experiment;
  control: Message;
  treatment: Message;
}

export function useExperiment(productId: string, id: string) {
  return useQuery({
    queryKey: queryKeys.experiment(productId, id),
    queryFn: ({ signal }) => fetchExperiment(productId, id, signal),
  });
}

export function fetchExperiment(productId: string, id: string, signal?: AbortSignal) {
  return api<Experiment>(experimentPath(productId, id), { ...(signal ? { signal } : {}) });
}

/** Per-arm counts and the Bayesian read-out; the server caches the maths per counts. */
export function useExperimentResults(productId: string, id: string) {
  return useQuery({
    queryKey: queryKeys.experimentResults(productId, id),
    queryFn: ({ signal }) =>
      api<ExperimentResults>(experimentPath(productId, id, "/results"), { signal }),
  });
}

/** "Create variant": clones the message into a new arm (the first one creates the experiment). */
export function useCreateVariant(productId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api<VariantCreated>(
        productPath(productId, `/messages/${encodeURIComponent(messageId)}/variants`),
        { method: "POST", body: {} },
      ),
    onSuccess: (created) => {
      const { experiment, control, treatment } = created;
      client.setQueryData(queryKeys.experiment(productId, experiment.id), experiment);
      client.setQueryData(queryKeys.message(productId, control.id), control);
      client.setQueryData(queryKeys.message(productId, treatment.id), treatment);
      return client.invalidateQueries({ queryKey: queryKeys.messages(productId) });
    },
  });
}

/** Weights (before anyone is exposed), goal or guardrail; `version` guards against lost updates. */
export function useUpdateExperiment(productId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ExperimentPatch) =>
      api<Experiment>(experimentPath(productId, id), { method: "PATCH", body: patch }),
    onSuccess: (experiment) => adopt(client, productId, experiment),
  });
}

/** The winner gets 100%; the other arms' messages are paused (their versions change too). */
export function useApplyWinner(
  productId: string,
  id: string,
  onApplied?: (experiment: Experiment) => void,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variantKey: string) =>
      api<Experiment>(experimentPath(productId, id, "/apply-winner"), {
        method: "POST",
        body: { variantKey },
      }),
    onSuccess: async (experiment) => {
      onApplied?.(experiment);
      await adopt(client, productId, experiment);
      await client.invalidateQueries({ queryKey: queryKeys.messages(productId) });
    },
  });
}

function adopt(client: QueryClient, productId: string, experiment: Experiment) {
  client.setQueryData(queryKeys.experiment(productId, experiment.id), experiment);
  return client.invalidateQueries({
    queryKey: queryKeys.experimentResults(productId, experiment.id),
  });
}
