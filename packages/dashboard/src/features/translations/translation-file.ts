import { type TranslationsImport, translationsImportSchema } from "@nudge/schema";
import { issuesToFieldMap } from "../../ui/zod-errors";

/** Saves JSON as a file the browser downloads. */
export function downloadJson(name: string, data: unknown) {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export type ParsedFile =
  | { ok: true; file: TranslationsImport }
  | { ok: false; errors: Record<string, string> };

/** A translators' file, checked with the API's own schema before it is sent. */
export async function readTranslationsFile(file: File): Promise<ParsedFile> {
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch {
    return { ok: false, errors: { file: "is not valid JSON" } };
  }
  const parsed = translationsImportSchema.safeParse(data);
  return parsed.success
    ? { ok: true, file: parsed.data }
    : { ok: false, errors: issuesToFieldMap(parsed.error.issues) };
}
