import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { TollgateError } from '../../core/errors.js';
import type { BillingFile } from '../discover-billing-files.js';

const SAMPLE_BYTES = 4096;

/** The first bytes of a CSV file (gunzipped when its name says so). */
async function readFirstBytes(file: BillingFile): Promise<Buffer> {
  const raw = createReadStream(file.path, { end: file.format === 'csv' ? SAMPLE_BYTES - 1 : undefined });
  const stream = file.format === 'csv.gz' ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= SAMPLE_BYTES) break;
    }
  } catch {
    // A damaged gzip stream is reported by the CSV reader with its own message.
  } finally {
    raw.destroy();
  }
  return Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
}

/** The UTF-16 or UTF-32 a file is written in, from its byte-order mark or its zero bytes. */
export function wideEncoding(bytes: Buffer): string | undefined {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x0000feff) return 'UTF-32 (big-endian)';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x0000feff) return 'UTF-32 (little-endian)';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 (little-endian)';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 (big-endian)';
  // Without a mark: ASCII text in UTF-16 has a zero byte beside every letter.
  const pairs = Math.floor(Math.min(bytes.length, 256) / 2);
  if (pairs < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  if (oddZeros > pairs * 0.8 && evenZeros === 0) return 'UTF-16 (little-endian)';
  if (evenZeros > pairs * 0.8 && oddZeros === 0) return 'UTF-16 (big-endian)';
  return undefined;
}

/** Whether bytes are binary data rather than text: a zero byte, or many control characters. */
export function looksBinary(bytes: Buffer): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control += 1;
  }
  return bytes.length > 0 && control / bytes.length > 0.05;
}

/**
 * Refuses a CSV file that is not UTF-8 text before its header is read, saying what to do:
 * a UTF-16 export (as some spreadsheet tools save "Unicode text") or binary content (a
 * compressed or Parquet file under a .csv name, or no export at all) would otherwise be
 * reported as garbled column names.
 */
export async function checkFileText(file: BillingFile): Promise<void> {
  const bytes = await readFirstBytes(file);
  const wide = wideEncoding(bytes);
  if (wide) {
    throw new TollgateError(
      'INGEST_BAD_ENCODING',
      `${file.path}: the file is ${wide} text; Tollgate reads CSV in UTF-8. Save or export it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8) and load it again. Nothing was loaded.`,
    );
  }
  if (looksBinary(bytes)) {
    throw new TollgateError(
      'INGEST_NOT_TEXT',
      `${file.path}: the file holds binary data, not CSV text. If it is compressed, name it .csv.gz; if it is Parquet, name it .parquet; otherwise export the bill as CSV. Nothing was loaded.`,
    );
  }
}
