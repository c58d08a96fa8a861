import { notifications } from "@mantine/notifications";
import { type Message, messageReplaceSchema } from "@nudge/schema";
import { useQueryClient } from "@tanstack/react-query";
import { type Dispatch, type SetStateAction, useRef, useState } from "react";
import { describeError, isApiError } from "../../api/api-error";
import { queryKeys } from "../../api/query-keys";
import { fetchMessage, useReplaceMessage } from "../../api/use-messages";
import { useSession } from "../../app/session-context";
import { issuesToFieldMap } from "../../ui/zod-errors";
import { draftOf, type EditorDraft, payloadOf } from "./editor-draft";

/**
 * Save with optimistic concurrency: PUT with the version the draft is based on; a 409 opens the
 * conflict dialog, and neither branch of it drops the user's edits without their click.
 */
export function useSaveFlow(
  message: Message,
  draft: EditorDraft,
  setDraft: Dispatch<SetStateAction<EditorDraft>>,
) {
  const { product } = useSession();
  const client = useQueryClient();
  const replace = useReplaceMessage(product.id, message.id);
  const [saved, setSaved] = useState(message);
  const [baseline, setBaseline] = useState<EditorDraft>(() => draftOf(message));
  const [version, setVersion] = useState(message.version);
  // Errors and the payload they were found in: an error hides once its field's value changes.
  const [failed, setFailed] = useState<{ errors: Record<string, string>; payload: unknown }>({
    errors: {},
    payload: null,
  });
  const [conflict, setConflict] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [overwriting, setOverwriting] = useState<number | null>(null);
  const latestDraft = useRef(draft);
  latestDraft.current = draft;

  const fieldProblem = (map: Record<string, string>, payload: unknown) => {
    setFailed({ errors: map, payload });
    const n = Object.keys(map).length;
    notifications.show({
      color: "red",
      title: "Not saved",
      message: `${n} field${n === 1 ? " needs" : "s need"} attention — see the highlighted fields.`,
    });
  };

  const save = () => {
    const sent = latestDraft.current;
    const payload = payloadOf(sent, version);
    const parsed = messageReplaceSchema.safeParse(payload);
    if (!parsed.success) return fieldProblem(issuesToFieldMap(parsed.error.issues), payload);
    setFailed({ errors: {}, payload: null });
    replace.mutate(payload, {
      onSuccess: (m) => {
        const next = draftOf(
          m,
          sent.steps.map((s) => s.key),
        );
        setSaved(m);
        setBaseline(next);
        setVersion(m.version);
        setOverwriting(null);
        // Keystrokes typed while the request was in flight stay in the draft.
        setDraft((current) => (current === sent ? next : current));
        notifications.show({ color: "green", message: `Saved “${m.name}”`, autoClose: 2500 });
      },
      onError: (error) => {
        if (isApiError(error, 409)) return setConflict(true);
        if (isApiError(error, 400) && Object.keys(error.fieldErrors).length > 0)
          return fieldProblem(error.fieldErrors, payload);
        notifications.show({ color: "red", title: "Not saved", message: describeError(error) });
      },
    });
  };

  const loadLatest = async (then: (latest: Message) => void) => {
    setResolving(true);
    try {
      const latest = await fetchMessage(product.id, message.id);
      client.setQueryData(queryKeys.message(product.id, message.id), latest);
      setSaved(latest);
      setVersion(latest.version);
      then(latest);
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

  const errors = stillWrong(failed, payloadOf(draft, version));

  return {
    saved,
    baseline,
    version,
    errors,
    conflict,
    resolving,
    overwriting,
    saving: replace.isPending,
    save,
    /** Discard these edits for the version someone else saved. */
    reloadTheirs: () =>
      loadLatest((latest) => {
        const theirs = draftOf(latest);
        setBaseline(theirs);
        setDraft(theirs);
        setFailed({ errors: {}, payload: null });
        setOverwriting(null);
      }),
    /** Keep these edits; the next Save (the user's confirmation) overwrites the newer version. */
    keepMine: () =>
      loadLatest((latest) => {
        setBaseline(draftOf(latest));
        setOverwriting(latest.version);
      }),
  };
}

/** The errors whose field still holds the value that was refused. */
function stillWrong(failed: { errors: Record<string, string>; payload: unknown }, now: unknown) {
  const entries = Object.entries(failed.errors);
  if (entries.length === 0) return failed.errors;
  const same = (path: string) =>
    JSON.stringify(at(failed.payload, path)) === JSON.stringify(at(now, path));
  return Object.fromEntries(entries.filter(([path]) => same(path)));
}

function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
