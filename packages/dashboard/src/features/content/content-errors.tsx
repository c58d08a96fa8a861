import { Alert, List } from "@mantine/core";
import type { BlockDocument } from "@nudge/schema";
import { IconAlertTriangle } from "@tabler/icons-react";

/** "content.content.1.props.src" → "Block 2 (Image), src"; columns are followed one level down. */
function describe(path: string, doc: BlockDocument | undefined): string {
  const m = /^content\.content\.(\d+)\.props\.(.+)$/.exec(path);
  if (!m) return path;
  const i = Number(m[1]);
  const block = doc?.content[i];
  const rest = m[2]!;
  const inner = /^columns\.(\d+)\.(\d+)\.props\.(.+)$/.exec(rest);
  if (inner && block?.type === "Columns") {
    const leaf = block.props.columns[Number(inner[1])]?.[Number(inner[2])];
    return `Block ${i + 1} (Columns), column ${Number(inner[1]) + 1}, block ${Number(inner[2]) + 1} (${leaf?.type ?? "?"}), ${inner[3]}`;
  }
  return `Block ${i + 1} (${block?.type ?? "?"}), ${rest}`;
}

/** The server's (or the schema's) field errors for this step's content, named by block. */
export function ContentErrors({
  errors,
  prefix,
  doc,
}: {
  errors: Record<string, string>;
  prefix: string;
  doc: BlockDocument | undefined;
}) {
  const mine = Object.entries(errors).filter(([path]) => path.startsWith(`${prefix}.content`));
  if (mine.length === 0) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title="Not saved: fix these blocks" mb="md">
      <List size="sm">
        {mine.map(([path, message]) => (
          <List.Item key={path}>
            {describe(path.slice(prefix.length + 1), doc)}: {message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
