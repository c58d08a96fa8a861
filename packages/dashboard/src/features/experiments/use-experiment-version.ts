import { notifications } from "@mantine/notifications";
import type { Experiment } from "@nudge/schema";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError, isApiError } from "../../api/api-error";
import { queryKeys } from "../../api/query-keys";
import { fetchExperiment } from "../../api/use-experiments";
import { useSession } from "../../app/session-context";

/** A 409 whose cause is a stale `version` (not "users were exposed"). */
export const isVersionConflict = (error: unknown) =>
  isApiError(error, 409) && error.code === "version_conflict";

/**
 * Optimistic concurrency for the experiment page, as in the message editor: every PATCH sends
 * the version the page's edits are based on (not whatever a background refetch brought in); a
 * 409 version conflict opens the conflict dialog and nothing typed is dropped without a click.
 * `resetKey` changes when the user reloads the other version, so forms remount from it.
 */
export function useExperimentVersion(experiment: Experiment) {
  const { product } = useSession();
  const client = useQueryClient();
  const [version, setVersion] = useState(experiment.version);
  const [conflict, setConflict] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [resetKey, setResetKey] = useState(0);

  const loadLatest = async (then: () => void) => {
    setResolving(true);
    try {
      const latest = await fetchExperiment(product.id, experiment.id);
      client.setQueryData(queryKeys.experiment(product.id, experiment.id), latest);
      await client.invalidateQueries({
        queryKey: queryKeys.experimentResults(product.id, experiment.id),
      });
      setVersion(latest.version);
      then();
      setConflict(false);
    } catch (error) {
      notifications.show({
        color: "red",
        title: "Could not load the latest version",
        message: describeError(error),
      });
    } finally {
      setResolving(false);
    }
  };

  return {
    version,
    /** After any successful write: later writes are based on what the server answered. */
    adopt: (saved: Experiment) => setVersion(saved.version),
    /** True (and the dialog opens) when a write lost the version race. */
    conflicted: (error: unknown) => {
      const lost = isVersionConflict(error);
      if (lost) setConflict(true);
      return lost;
    },
    conflict,
    resolving,
    resetKey,
    /** Discard these edits for the version someone else saved. */
    reloadTheirs: () => loadLatest(() => setResetKey((k) => k + 1)),
    /** Keep these edits; the next Save (the user's confirmation) overwrites the newer version. */
    keepMine: () => loadLatest(() => {}),
  };
}

export type ExperimentVersion = ReturnType<typeof useExperimentVersion>;
