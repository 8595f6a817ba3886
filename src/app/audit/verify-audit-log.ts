import { type ChainProblem, createChainVerifier } from '../../core/audit/audit-chain.js';
import type { AuditAnchor } from '../../ports/audit-anchor.js';
import type { AuditFilter } from '../../ports/audit-log.js';
import type { Stores } from '../../ports/stores.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Hash of the last good entry; keep it elsewhere to detect later truncation of the log. */
  headHash: string;
  problem: ChainProblem | null;
  /** The furthest checkpoint kept apart that the log was checked against; null when none is kept. */
  checkpoint: { location: string; seq: number; hash: string; at: string; signed: boolean } | null;
}

/**
 * Checks the hash chain from its first entry, then the log's length against the head kept apart.
 * 1. Every entry must chain to the one before (createChainVerifier).
 * 2. The checkpoint file's furthest verified head (seq, hash) must be in the log: a log that ends
 *    before it, or whose entry at that seq has another hash, lost entries at its end (or was
 *    replaced). A checkpoint line that does not verify with the audit key is itself a problem.
 * 3. With `expectHead`, the log must end exactly at that hash.
 */
export async function verifyAuditLog(
  stores: Stores,
  expectHead?: string,
  anchor?: AuditAnchor,
): Promise<AuditVerification> {
  const reading = anchor ? await anchor.readCheckpoints() : { latest: null, checkpoints: [], problem: null };
  const anchored = reading.latest;
  const expected = new Map(reading.checkpoints.map((kept) => [kept.seq, kept]));
  let replaced: { seq: number; at: string } | undefined;
  const verifier = createChainVerifier();
  await stores.access.audit.readAll((entries) => {
    for (const entry of entries) {
      verifier.push(entry);
      const kept = expected.get(entry.seq);
      if (kept && kept.hash !== entry.hash) replaced ??= { seq: entry.seq, at: kept.at };
    }
  });
  const { entries, headHash, problem } = verifier.result();
  const checkpoint =
    anchored && anchor?.location
      ? {
          location: anchor.location,
          seq: anchored.seq,
          hash: anchored.hash,
          at: anchored.at,
          signed: anchored.mac !== null,
        }
      : null;
  const result = (found: ChainProblem | null): AuditVerification => ({
    ok: found === null,
    entries,
    headHash,
    problem: found,
    checkpoint,
  });
  if (problem) return result(problem);
  if (reading.problem !== null)
    return result({
      seq: entries,
      problem: 'bad-checkpoint',
      message: `The checkpoint file ${anchor?.location} has a line that does not verify: ${reading.problem}. Someone without the audit key wrote to it (or the key changed); keep the file's earlier copy as evidence.`,
    });
  if (replaced)
    return result({
      seq: replaced.seq,
      problem: 'missing',
      message: `Entry ${replaced.seq} does not have the hash the checkpoint kept apart (${anchor?.location}, written ${replaced.at}) recorded: entries from there on were removed and others written in their place, or the log was replaced.`,
    });
  if (anchored && entries < anchored.seq)
    return result({
      seq: entries + 1,
      problem: 'missing',
      message: `The log ends at entry ${entries}, but the checkpoint kept apart (${anchor?.location}, written ${anchored.at}) saw it reach entry ${anchored.seq}: entries at the end were removed.`,
    });
  if (expectHead !== undefined && expectHead !== headHash) {
    return result({
      seq: entries,
      problem: 'missing',
      message: `The log ends at entry ${entries} with hash ${headHash}, not at the expected head ${expectHead}: entries at the end were removed or the log was replaced.`,
    });
  }
  return result(null);
}

/** Keeps the log's current head in the checkpoint file (after a change has committed). */
export async function anchorAuditHead(stores: Stores, anchor: AuditAnchor): Promise<void> {
  if (anchor.location === null) return;
  const head = await stores.access.audit.lastEntry();
  if (head) await anchor.anchorHead({ seq: head.seq, hash: head.hash });
}

/** Writes the entries matching `filter` as JSON lines, in order, page by page. */
export async function exportAuditLog(
  stores: Stores,
  filter: Omit<AuditFilter, 'afterSeq' | 'limit'>,
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const page = await stores.access.audit.listEntries({ ...filter, afterSeq, limit: 1000 });
    for (const entry of page) await write(`${JSON.stringify(entry)}\n`);
    count += page.length;
    if (page.length < 1000) return count;
    afterSeq = page[page.length - 1]!.seq;
  }
}
