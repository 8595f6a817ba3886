import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { BillingFile } from './discover-billing-files.js';

const HEADER_LIMIT = 64 * 1024;

/** The first line of a CSV file (gunzipped when needed), at most 64 KiB of it. */
export async function readHeaderLine(file: BillingFile): Promise<string> {
  const raw = createReadStream(file.path, { end: file.format === 'csv' ? HEADER_LIMIT : undefined });
  const stream = file.format === 'csv.gz' ? raw.pipe(createGunzip()) : raw;
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      const end = text.search(/\r?\n/);
      if (end >= 0) return text.slice(0, end);
      if (text.length >= HEADER_LIMIT) break;
    }
  } catch {
    // A damaged gzip stream is reported by the CSV reader with its own message.
  } finally {
    raw.destroy();
  }
  return text.slice(0, HEADER_LIMIT);
}

/**
 * The delimiter a header line uses when it is not a comma: counts candidates outside quotes.
 * FOCUS CSV is comma-separated; a header with no comma but many semicolons is a wrong export.
 */
export function foreignDelimiter(header: string): string | undefined {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && [',', ';', '\t', '|'].includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  if ((counts.get(',') ?? 0) > 0) return undefined;
  return [';', '\t', '|'].find((candidate) => (counts.get(candidate) ?? 0) > 0);
}

/** The fields of one CSV line (RFC 4180 quoting), with a leading byte-order mark removed. */
export function parseHeaderFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  const text = line.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields.map((name) => name.trim());
}
