import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/tollgate-config.js';
import { TollgateError } from '../core/errors.js';

/** Raw upload bodies are handed to the route as a stream, never read into memory here. */
export const RAW_UPLOAD_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/gzip',
  'application/vnd.apache.parquet',
];

export async function registerUploadParsers(scope: FastifyInstance, config: ServerConfig): Promise<void> {
  scope.addContentTypeParser(RAW_UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
  await scope.register(multipart, {
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const BILLING_FILE = /\.(csv|csv\.gz|csv\.gzip|parquet)$/i;

/**
 * A file name from a client names a file, never a place: no folders, no '..', no hidden or
 * odd characters, and one of the billing file extensions ingestion reads.
 */
export function parseUploadName(name: string | undefined): string {
  if (name === undefined || name === '') {
    throw new TollgateError(
      'UPLOAD_NAME_REQUIRED',
      'Name the file: ?filename=<name>.csv with a raw body, or a filename in the multipart part.',
      'usage',
    );
  }
  if (name.includes('/') || name.includes('\\') || name.includes('..') || name.includes('\0')) {
    throw new TollgateError(
      'UPLOAD_BAD_FILENAME',
      `The file name '${name.slice(0, 100)}' contains a path; send the bare file name, such as focus-2026-01.csv.`,
      'usage',
    );
  }
  if (!SAFE_NAME.test(name) || !BILLING_FILE.test(name)) {
    throw new TollgateError(
      'UPLOAD_BAD_FILENAME',
      `The file name '${name.slice(0, 100)}' is not accepted: use letters, digits, '.', '_' or '-' and end in .csv, .csv.gz or .parquet.`,
      'usage',
    );
  }
  return name;
}

function tooLarge(limit: number): TollgateError {
  return new TollgateError(
    'UPLOAD_TOO_LARGE',
    `The file is larger than this server accepts (${limit} bytes, TOLLGATE_UPLOAD_LIMIT); split the export or ask the operator to raise the limit.`,
    'usage',
    { limitBytes: limit },
  );
}

/** Counts bytes as they pass and stops the stream past the limit. */
function limitBytes(limit: number, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counted.bytes += chunk.length;
      if (counted.bytes > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

export interface ReceivedUpload {
  path: string;
  name: string;
  bytes: number;
}

/**
 * Streams an upload (raw body with ?filename=, or one multipart file part) into `folder`.
 * A body over the limit, or one that breaks off, leaves nothing behind.
 */
export async function receiveUpload(
  request: FastifyRequest,
  folder: string,
  nameFromQuery: string | undefined,
  limit: number,
): Promise<ReceivedUpload> {
  // Refuse at once what announces itself too large (multipart framing adds a little).
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const framing = request.isMultipart() ? 64 * 1024 : 0;
  if (Number.isFinite(declared) && declared > limit + framing) throw tooLarge(limit);
  const counted = { bytes: 0 };
  let name: string;
  let source: Readable;
  let truncated = () => false;
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part) {
      throw new TollgateError(
        'UPLOAD_NO_FILE',
        'The multipart body holds no file part; send the billing file as a file field.',
        'usage',
      );
    }
    name = parseUploadName(part.filename);
    source = part.file;
    truncated = () => part.file.truncated;
  } else {
    name = parseUploadName(nameFromQuery);
    if (!request.body || typeof (request.body as Readable).pipe !== 'function') {
      throw new TollgateError(
        'UPLOAD_NO_FILE',
        'Send the billing file as the body (Content-Type: application/octet-stream, text/csv or application/gzip) or as multipart/form-data.',
        'usage',
      );
    }
    source = request.body as Readable;
  }
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  try {
    await pipeline(source, limitBytes(limit, counted), createWriteStream(path, { flags: 'wx' }));
    if (truncated()) throw tooLarge(limit);
    if (counted.bytes === 0) {
      throw new TollgateError(
        'UPLOAD_EMPTY',
        'The uploaded file is empty; send the billing export itself.',
        'usage',
      );
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return { path, name, bytes: counted.bytes };
}
