import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  addFreezeAudited,
  breakGlassAudited,
  importFreezeCalendarAudited,
} from '../../app/governance/audited/freeze-writes.js';
import { listFreezes } from '../../app/governance/gate/manage-freezes.js';
import { TollgateError } from '../../core/errors.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

const FREEZE_FLAGS = {
  reason: '--reason',
  cron: '--cron',
  from: '--from',
  until: '--until',
  by: '--by',
  timeZone: '--time-zone',
} as const;

const DURATION = /^(\d+)(m|h)$/;

export async function runFreezeImport(
  file: string,
  flags: { env: string; from?: string; until?: string; timeZone?: string; by?: string; json?: boolean },
  command: Command,
) {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TollgateError(
      'CALENDAR_UNREADABLE',
      `Cannot read ${file} (${error.code ?? error.message}); give the path of an .ics file.`,
      'usage',
    );
  });
  const result = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    importFreezeCalendarAudited(
      stores,
      identity,
      {
        text,
        source: basename(file),
        environment: flags.env,
        from: flags.from,
        until: flags.until,
        timeZone: flags.timeZone,
      },
      undefined,
      { ...FREEZE_FLAGS, file: 'File' },
    ),
  );
  if (flags.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    `Imported ${result.imported.length} freezes on ${result.environment} from ${result.source} (${result.range.from} to ${result.range.until}, all-day events in ${result.range.timeZone}); ${result.alreadyPresent} already present.\n`,
  );
  for (const item of result.skipped)
    process.stdout.write(`  skipped ${item.uid} (${item.summary}): ${item.why}\n`);
}
export async function runFreezeAdd(
  flags: {
    env: string;
    reason: string;
    cron?: string;
    timeZone?: string;
    from?: string;
    until?: string;
    by?: string;
    json?: boolean;
  },
  command: Command,
) {
  const record = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    addFreezeAudited(
      stores,
      identity,
      {
        environment: flags.env,
        cron: flags.cron,
        timeZone: flags.timeZone,
        from: flags.from,
        until: flags.until,
        reason: flags.reason,
      },
      undefined,
      FREEZE_FLAGS,
    ),
  );
  if (flags.json) printJson(record);
  else
    process.stdout.write(
      `Added freeze ${record.id} on ${record.environment}: ${record.cron ? `${record.cron} (${record.timeZone})` : `${record.from} to ${record.until}`} (${record.reason}).\n`,
    );
}

export async function runFreezeList(flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => listFreezes(stores));
  if (flags.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'env', 'when', 'reason', 'by'],
      result.freezes.map((f) => [
        f.id,
        f.environment,
        f.cron ? `cron ${f.cron} ${f.timeZone ?? 'UTC'}` : `${f.from} .. ${f.until}`,
        f.reason,
        f.createdBy,
      ]),
    )}\n`,
  );
  if (result.breakGlass.length > 0) {
    process.stdout.write(
      `\nbreak-glass\n${renderTable(
        ['id', 'env', 'service', 'by', 'from', 'until', 'reason'],
        result.breakGlass.map((b) => [
          b.id,
          b.environment,
          b.service ?? '*',
          b.by,
          b.from,
          b.until,
          b.reason,
        ]),
      )}\n`,
    );
  }
}

export async function runFreezeBreakGlass(
  flags: {
    env: string;
    by?: string;
    reason: string;
    service?: string;
    for: string;
    from?: string;
    json?: boolean;
  },
  command: Command,
) {
  const match = DURATION.exec(flags.for);
  if (!match)
    throw new TollgateError(
      'BREAK_GLASS_INVALID',
      `--for '${flags.for}' is not a duration such as 90m or 2h.`,
      'usage',
    );
  const from = flags.from ?? new Date().toISOString();
  const start = Date.parse(from);
  if (Number.isNaN(start))
    throw new TollgateError(
      'BREAK_GLASS_INVALID',
      `--from '${flags.from}' is not an ISO-8601 time.`,
      'usage',
    );
  const until = new Date(start + Number(match[1]) * (match[2] === 'h' ? 3_600_000 : 60_000)).toISOString();
  const record = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    breakGlassAudited(
      stores,
      identity,
      {
        environment: flags.env,
        service: flags.service,
        reason: flags.reason,
        from,
        until,
      },
      undefined,
      FREEZE_FLAGS,
    ),
  );
  if (flags.json) printJson(record);
  else
    process.stdout.write(
      `Break-glass ${record.id}: ${record.by} may deploy to ${record.environment}${record.service ? ` (${record.service})` : ''} until ${record.until}. Reason recorded: ${record.reason}.\n`,
    );
}
