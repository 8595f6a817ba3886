import { type ChainProblem, createChainVerifier } from '../../core/audit/audit-chain.js';
import type { AuditFilter } from '../../ports/audit-log.js';
import type { Stores } from '../../ports/stores.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Hash of the last good entry; keep it elsewhere to detect later truncation of the log. */
  headHash: string;
  problem: ChainProblem | null;
}

export async function verifyAuditLog(stores: Stores, expectHead?: string): Promise<AuditVerification> {
  const verifier = createChainVerifier();
  await stores.access.audit.readAll((entries) => {
    for (const entry of entries) verifier.push(entry);
  });
  const { entries, headHash, problem } = verifier.result();
  if (!problem && expectHead !== undefined && expectHead !== headHash) {
    return {
      ok: false,
      entries,
      headHash,
      problem: {
        seq: entries,
        problem: 'missing',
        message: `The log ends at entry ${entries} with hash ${headHash}, not at the expected head ${expectHead}: entries at the end were removed or the log was replaced.`,
      },
    };
  }
  return { ok: !problem, entries, headHash, problem: problem ?? null };
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
