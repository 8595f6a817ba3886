import { createHash } from 'node:crypto';

/** One state change as the audit log keeps it. */
export interface AuditEntry {
  seq: number;
  /** ISO-8601 UTC instant. */
  at: string;
  /** `user:<name>` for API users, `cli:<os user>` for the command line, `system:<job>` for jobs. */
  actor: string;
  tokenId: string | null;
  address: string | null;
  /** Dotted verb, for example `sources.remove`, `ingest.load`, `tokens.create`. */
  action: string;
  /** What changed, for example `load:12`, `user:alice`. */
  target: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export type AuditDraft = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'>;

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Stable JSON: object keys sorted at every level, so a hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** sha256(previous hash + canonical JSON of everything else in the entry, its position included). */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { prevHash, ...content } = entry;
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export function chainEntry(draft: AuditDraft, seq: number, at: string, prevHash: string): AuditEntry {
  const unsealed = { ...draft, seq, at, prevHash };
  return { ...unsealed, hash: hashEntry(unsealed) };
}

export interface ChainProblem {
  seq: number;
  /** bad-checkpoint: the checkpoint file kept apart holds a line that does not verify with the key. */
  problem: 'edited' | 'missing' | 'reordered' | 'broken-link' | 'bad-checkpoint';
  message: string;
}

/**
 * Walks the log in stored order and reports the first place the chain breaks.
 * 1. Sequence numbers must run 1, 2, 3...: a gap is a deleted entry, a step back a reordering.
 * 2. Each entry must name the previous entry's hash: otherwise an entry before it was removed,
 *    inserted or moved.
 * 3. Each entry's own hash must match its content: otherwise it was edited.
 * Fed one page at a time, so a long log is verified in bounded memory.
 */
export function createChainVerifier() {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let problem: ChainProblem | undefined;
  const check = (entry: AuditEntry): ChainProblem | undefined => {
    const expectedSeq = count + 1;
    if (entry.seq !== expectedSeq) {
      return entry.seq > expectedSeq
        ? {
            seq: expectedSeq,
            problem: 'missing',
            message: `Entry ${expectedSeq} is missing: the log goes from ${expectedSeq - 1} to ${entry.seq}.`,
          }
        : {
            seq: entry.seq,
            problem: 'reordered',
            message: `Entry ${entry.seq} appears after entry ${expectedSeq - 1}: entries were reordered or duplicated.`,
          };
    }
    if (entry.prevHash !== prevHash) {
      return {
        seq: entry.seq,
        problem: 'broken-link',
        message: `Entry ${entry.seq} does not follow entry ${entry.seq - 1}: its recorded previous hash differs, so an entry before it was changed, removed or moved.`,
      };
    }
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) {
      return {
        seq: entry.seq,
        problem: 'edited',
        message: `Entry ${entry.seq} (${entry.action} ${entry.target}) was edited after it was written: its content no longer matches its hash.`,
      };
    }
    return undefined;
  };
  return {
    push(entry: AuditEntry): void {
      if (problem) return;
      problem = check(entry);
      if (problem) return;
      prevHash = entry.hash;
      count += 1;
    },
    result(): { entries: number; headHash: string; problem: ChainProblem | undefined } {
      return { entries: count, headHash: prevHash, problem };
    },
  };
}

export function verifyChain(entries: readonly AuditEntry[]): ChainProblem | undefined {
  const verifier = createChainVerifier();
  for (const entry of entries) verifier.push(entry);
  return verifier.result().problem;
}
