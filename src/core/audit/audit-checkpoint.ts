import { createHmac, timingSafeEqual } from 'node:crypto';

/** The audit log's head at a moment, kept outside the log so that a shortened log shows. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** ISO-8601 UTC instant the checkpoint was written. */
  at: string;
  /** HMAC-SHA256 over seq, hash and at with the audit key; null when no key was set. */
  mac: string | null;
}

function macOf(seq: number, hash: string, at: string, key: string): string {
  return createHmac('sha256', key).update(`${seq}\n${hash}\n${at}`).digest('hex');
}

/** One line of the checkpoint file: the head, signed with the key when there is one. */
export function formatCheckpointLine(
  head: { seq: number; hash: string },
  at: string,
  key: string | null,
): string {
  const checkpoint: AuditCheckpoint = {
    ...head,
    at,
    mac: key === null ? null : macOf(head.seq, head.hash, at, key),
  };
  return `${JSON.stringify(checkpoint)}\n`;
}

export interface CheckpointReading {
  /** The furthest checkpoint that verifies; null when there is none. */
  latest: AuditCheckpoint | null;
  /** Every checkpoint that verifies, in file order: the log must hold each one's hash at its seq. */
  checkpoints: AuditCheckpoint[];
  /** The first line that does not verify (forged, unsigned while a key is set, unreadable); null when all do. */
  problem: string | null;
}

function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Reads a checkpoint file (JSON lines, appended in order).
 * 1. Each line must parse as a checkpoint with a whole seq and a 64-hex hash.
 * 2. With a key, each line's mac must be the HMAC of its seq, hash and time: a line written
 *    without the key (or edited) is a problem, never a checkpoint.
 * 3. The latest is the verified line with the highest seq.
 */
export function readCheckpointLines(text: string, key: string | null): CheckpointReading {
  let latest: AuditCheckpoint | null = null;
  const checkpoints: AuditCheckpoint[] = [];
  let problem: string | null = null;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: Partial<AuditCheckpoint> | null = null;
    try {
      parsed = JSON.parse(line) as Partial<AuditCheckpoint>;
    } catch {
      parsed = null;
    }
    const valid =
      parsed !== null &&
      Number.isInteger(parsed.seq) &&
      typeof parsed.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(parsed.hash) &&
      typeof parsed.at === 'string';
    if (!valid) {
      problem ??= `line ${index + 1} is not a checkpoint`;
      return;
    }
    const checkpoint = parsed as AuditCheckpoint;
    if (key !== null) {
      if (
        typeof checkpoint.mac !== 'string' ||
        !sameMac(macOf(checkpoint.seq, checkpoint.hash, checkpoint.at, key), checkpoint.mac)
      ) {
        problem ??= `line ${index + 1} (entry ${checkpoint.seq}) is not signed with the audit key`;
        return;
      }
    }
    const kept = {
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      mac: checkpoint.mac ?? null,
    };
    checkpoints.push(kept);
    if (latest === null || kept.seq > latest.seq) latest = kept;
  });
  return { latest, checkpoints, problem };
}
