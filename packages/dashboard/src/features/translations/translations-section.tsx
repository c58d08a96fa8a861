import {
  Alert,
  Badge,
  Button,
  CloseButton,
  FileButton,
  Group,
  List,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isRtl, localesOf } from "@nudge/content";
import { localeTagPattern, type StepTranslation, type TranslationsImport } from "@nudge/schema";
import { IconDownload, IconPlus, IconUpload } from "@tabler/icons-react";
import { Fragment, useContext, useState } from "react";
import { describeError, isApiError } from "../../api/api-error";
import { fetchTranslations, useImportTranslations } from "../../api/use-translations";
import { useSession } from "../../app/session-context";
import { SectionCard } from "../../ui/section-card";
import type { DraftStep } from "../editor/editor-draft";
import { FieldErrorsContext } from "../editor/field-errors";
import { TranslationCell } from "./translation-cell";
import { downloadJson, readTranslationsFile } from "./translation-file";
import { isMissing, translationRows } from "./translation-rows";

interface Props {
  messageId: string;
  steps: DraftStep[];
  onChange: (steps: DraftStep[]) => void;
  /** Import replaces the saved message's translations: only without unsaved edits. */
  dirty: boolean;
  /** After an import: load the message again, translations included. */
  onImported: () => void;
}

const translationOf = (s: DraftStep, locale: string) => s.translations?.[locale];

/**
 * The translation grid of a message: per step, each text (fields and content blocks) in the
 * default language and in every locale, missing ones flagged; locales added and removed for
 * every step at once; the translators' JSON file out and back in through the translations API.
 */
export function TranslationsSection({ messageId, steps, onChange, dirty, onImported }: Props) {
  const { product, canWrite } = useSession();
  const errors = useContext(FieldErrorsContext);
  const [adding, setAdding] = useState("");
  const [importProblem, setImportProblem] = useState<Record<string, string> | null>(null);
  const [stale, setStale] = useState<TranslationsImport | null>(null);
  const importer = useImportTranslations(product.id, messageId);
  const locales = localesOf(steps);
  const addError =
    adding && !localeTagPattern.test(adding)
      ? 'A language tag such as "fr", "pt-BR" or "zh-Hant-TW"'
      : locales.includes(adding)
        ? "Already there"
        : undefined;

  const setTranslation = (i: number, locale: string, t: StepTranslation) =>
    onChange(
      steps.map((s, j) =>
        j === i ? { ...s, translations: { ...s.translations, [locale]: t } } : s,
      ),
    );
  const addLocale = () => {
    if (!adding || addError) return;
    onChange(steps.map((s) => ({ ...s, translations: { ...s.translations, [adding]: {} } })));
    setAdding("");
  };
  const removeLocale = (locale: string) =>
    onChange(
      steps.map((s) => {
        const { [locale]: _gone, ...rest } = s.translations ?? {};
        return { ...s, translations: rest };
      }),
    );

  const exportFile = async () => {
    try {
      downloadJson(
        `${messageId}.translations.json`,
        await fetchTranslations(product.id, messageId),
      );
    } catch (error) {
      notifications.show({ color: "red", title: "Export failed", message: describeError(error) });
    }
  };
  const send = (file: TranslationsImport) =>
    importer.mutate(file, {
      onSuccess: () => {
        setImportProblem(null);
        setStale(null);
        onImported();
        notifications.show({ color: "green", message: "Translations imported" });
      },
      onError: (error) => {
        if (isApiError(error, 409)) return setStale(file);
        if (isApiError(error) && Object.keys(error.fieldErrors).length > 0)
          return setImportProblem(error.fieldErrors);
        setImportProblem({ file: describeError(error) });
      },
    });
  /** The translator worked on an older export: their locales go over the current version. */
  const importAnyway = async () => {
    if (!stale) return;
    try {
      const { version } = await fetchTranslations(product.id, messageId);
      send({ ...stale, version });
    } catch (error) {
      setImportProblem({ file: describeError(error) });
    }
  };
  const importFile = async (picked: File | null) => {
    if (!picked) return;
    const parsed = await readTranslationsFile(picked);
    if (!parsed.ok) return setImportProblem(parsed.errors);
    send(parsed.file);
  };

  const missingIn = (locale: string) =>
    steps.reduce(
      (n, s) => n + translationRows(s).filter((r) => isMissing(r, translationOf(s, locale))).length,
      0,
    );

  const actions = (
    <Group gap="xs">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconDownload size={14} />}
        onClick={exportFile}
      >
        Export JSON
      </Button>
      {canWrite && (
        <Tooltip label="Save your changes first" disabled={!dirty}>
          <FileButton onChange={importFile} accept="application/json,.json">
            {(props) => (
              <Button
                {...props}
                variant="default"
                size="xs"
                leftSection={<IconUpload size={14} />}
                disabled={dirty}
                loading={importer.isPending}
              >
                Import JSON
              </Button>
            )}
          </FileButton>
        </Tooltip>
      )}
    </Group>
  );

  return (
    <SectionCard
      id="translations"
      title="Translations"
      description="Readers get their locale's text; a missing one shows the default text. Export the file for translators and import it back."
      actions={actions}
    >
      <Stack gap="md">
        {importProblem && (
          <Alert
            color="red"
            title="Not imported"
            withCloseButton
            onClose={() => setImportProblem(null)}
          >
            <List size="sm">
              {Object.entries(importProblem).map(([path, message]) => (
                <List.Item key={path}>
                  {path}: {message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {stale && (
          <Alert color="orange" title="This file is from an older version">
            <Text size="sm">
              It was exported at version {stale.version}; the message has been saved since. Its
              locales replace the current ones.
            </Text>
            <Group mt="xs">
              <Button size="xs" color="orange" onClick={importAnyway}>
                Import anyway
              </Button>
              <Button size="xs" variant="default" onClick={() => setStale(null)}>
                Cancel
              </Button>
            </Group>
          </Alert>
        )}
        {canWrite && (
          <Group align="flex-start" gap="xs">
            <TextInput
              label="Add a locale"
              placeholder="fr, pt-BR, ar"
              value={adding}
              onChange={(e) => setAdding(e.currentTarget.value.trim())}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                e.preventDefault();
                addLocale();
              }}
              error={addError}
              size="xs"
            />
            <Button
              size="xs"
              mt={22}
              leftSection={<IconPlus size={14} />}
              onClick={addLocale}
              disabled={!adding || addError !== undefined}
            >
              Add
            </Button>
          </Group>
        )}
        {locales.length === 0 ? (
          <Text size="sm" c="dimmed">
            No translations yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320 + locales.length * 220}>
            <Table verticalSpacing={6} aria-label="Translations" data-testid="translation-grid">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Text</Table.Th>
                  <Table.Th scope="col">Default</Table.Th>
                  {locales.map((locale) => {
                    const missing = missingIn(locale);
                    return (
                      <Table.Th key={locale} scope="col" data-testid={`locale-${locale}`}>
                        <Group gap={6} wrap="nowrap">
                          <Text fw={600} size="sm">
                            {locale}
                          </Text>
                          {missing > 0 ? (
                            <Badge size="xs" color="orange" variant="light">
                              {missing} missing
                            </Badge>
                          ) : (
                            <Badge size="xs" color="green" variant="light">
                              complete
                            </Badge>
                          )}
                          {canWrite && (
                            <CloseButton
                              size="sm"
                              aria-label={`Remove locale ${locale}`}
                              onClick={() => removeLocale(locale)}
                            />
                          )}
                        </Group>
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {steps.map((step, i) => (
                  <Fragment key={step.key}>
                    <Table.Tr>
                      <Table.Th colSpan={2 + locales.length} scope="colgroup">
                        Step {i + 1}
                      </Table.Th>
                    </Table.Tr>
                    {translationRows(step).map((row) => (
                      <Table.Tr key={row.key}>
                        <Table.Td>
                          <Text size="sm">{row.label}</Text>
                        </Table.Td>
                        <Table.Td maw={240}>
                          <Text size="sm" c="dimmed" lineClamp={3}>
                            {typeof row.source === "string"
                              ? row.source
                              : row.source.length > 0
                                ? "(rich text)"
                                : ""}
                          </Text>
                        </Table.Td>
                        {locales.map((locale) => {
                          const t = translationOf(step, locale);
                          const field = row.key.startsWith("content.") ? "content" : row.key;
                          return (
                            <Table.Td key={locale} dir={isRtl(locale) ? "rtl" : undefined}>
                              <TranslationCell
                                id={`tr-${i}-${row.key}-${locale}`}
                                label={`Step ${i + 1} ${row.label} in ${locale}`}
                                row={row}
                                value={row.get(t)}
                                missing={isMissing(row, t)}
                                error={errors[`steps.${i}.translations.${locale}.${field}`]}
                                readOnly={!canWrite}
                                onChange={(value) =>
                                  setTranslation(i, locale, row.set(t, value, step))
                                }
                              />
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </SectionCard>
  );
}
