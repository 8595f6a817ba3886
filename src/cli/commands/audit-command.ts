import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { exportAuditLog, verifyAuditLog } from '../../app/audit/verify-audit-log.js';
import { loadConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import { auditAnchorOf, printJson, withStores } from '../cli-context.js';

function instant(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new TollgateError(
      'AUDIT_BAD_INSTANT',
      `${flag} ${text} is not a date or instant; write 2026-01-31 or 2026-01-31T12:00:00Z.`,
      'usage',
    );
  }
  return date.toISOString();
}
export async function runAuditVerify(flags: { expectHead?: string; json?: boolean }, command: Command) {
  const config = loadConfig({ db: command.optsWithGlobals<{ db?: string }>().db });
  const result = await withStores(command, (stores) =>
    verifyAuditLog(stores, flags.expectHead, auditAnchorOf(config)),
  );
  if (flags.json) printJson(result);
  else if (result.ok) {
    const kept = result.checkpoint
      ? `; it reaches the ${result.checkpoint.signed ? 'signed' : 'UNSIGNED (set TOLLGATE_AUDIT_KEY)'} checkpoint kept in ${result.checkpoint.location} (entry ${result.checkpoint.seq}, ${result.checkpoint.at})`
      : '; no checkpoint is kept apart, so entries cut from the end are found only with --expect-head (set TOLLGATE_AUDIT_CHECKPOINT)';
    process.stdout.write(`Audit log intact: ${result.entries} entries, head ${result.headHash}${kept}.\n`);
  }
  if (!result.ok) {
    throw new TollgateError(
      'AUDIT_CHAIN_BROKEN',
      `${result.problem!.message} The ${result.entries} entries before it are intact. Restore the log from a backup and investigate who changed the database.`,
      'invalid-input',
      { seq: result.problem!.seq, problem: result.problem!.problem },
    );
  }
}

export async function runAuditExport(
  flags: {
    output?: string;
    actor?: string;
    action?: string;
    target?: string;
    since?: string;
    until?: string;
  },
  command: Command,
) {
  const filter = {
    actor: flags.actor,
    action: flags.action,
    target: flags.target,
    since: instant(flags.since, '--since'),
    until: instant(flags.until, '--until'),
  };
  const file = flags.output ? createWriteStream(flags.output, { flags: 'wx' }) : undefined;
  const count = await withStores(command, (stores) =>
    exportAuditLog(stores, filter, (line) => {
      if (file) file.write(line);
      else process.stdout.write(line);
    }),
  );
  if (file) {
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    process.stderr.write(`Wrote ${count} entries to ${flags.output}.\n`);
  }
}
