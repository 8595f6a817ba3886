import type { Command } from 'commander';
import { openAuditAnchor } from '../adapters/audit/file-audit-anchor.js';
import { anchorAuditHead } from '../app/audit/verify-audit-log.js';
import { openTollgate } from '../app/open-tollgate.js';
import { loadConfig, type ServerConfig, type TollgateConfig } from '../config/tollgate-config.js';
import type { AuditAnchor } from '../ports/audit-anchor.js';
import type { Stores } from '../ports/stores.js';

export interface GlobalOptions {
  db?: string;
}

/** The checkpoint file that keeps the audit log's head apart (TOLLGATE_AUDIT_CHECKPOINT, TOLLGATE_AUDIT_KEY). */
export function auditAnchorOf(config: TollgateConfig): AuditAnchor {
  return openAuditAnchor(config.server, config.db);
}

/**
 * Opens the stores from the global --db option (or TOLLGATE_DB), runs `work`, always closes.
 * After work that succeeded (its changes committed), the audit log's head is kept in the
 * checkpoint file; failing to write it warns and does not undo the command.
 */
export async function withStores<T>(command: Command, work: (stores: Stores) => Promise<T>): Promise<T> {
  const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
  const stores = await openTollgate(config);
  try {
    const result = await work(stores);
    await anchorAuditHead(stores, auditAnchorOf(config)).catch((error: unknown) => {
      process.stderr.write(
        `warning [AUDIT_ANCHOR_FAILED]: could not keep the audit head in its checkpoint file: ${(error as Error).message}\n`,
      );
    });
    return result;
  } finally {
    await stores.close();
  }
}

/** The server settings (TOLLGATE_* variables) a command shares with `tollgate serve`. */
export function readServerSettings(command: Command): ServerConfig {
  return loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
