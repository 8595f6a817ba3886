import type { Command } from 'commander';
import { actingUser } from '../../app/governance/governance-context.js';
import { addFreeze, breakGlass, listFreezes } from '../../app/governance/manage-freezes.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

const DURATION = /^(\d+)(m|h)$/;

const FREEZE_FLAGS = {
  reason: '--reason',
  cron: '--cron',
  from: '--from',
  until: '--until',
  by: '--by',
} as const;

export function registerFreezeCommand(program: Command): void {
  const freeze = program
    .command('freeze')
    .description('Deployment freezes (recurring cron or one-off) and the audited break-glass path');
  freeze
    .command('add')
    .description(
      'Add a freeze: --cron for recurring (the frozen minutes, UTC), or --from and --until for one-off',
    )
    .requiredOption('--env <id>', "environment, or '*' for all")
    .requiredOption('--reason <text>', 'why deployments are frozen')
    .option('--cron <expression>', 'five-field cron of the frozen minutes, such as "* * 20-31 12 *"')
    .option('--from <time>', 'one-off: start (ISO-8601)')
    .option('--until <time>', 'one-off: end (ISO-8601)')
    .option('--by <person>', 'who adds it')
    .option('--json', 'print as JSON')
    .action(
      async (
        flags: {
          env: string;
          reason: string;
          cron?: string;
          from?: string;
          until?: string;
          by?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const record = await withStores(command, (stores) =>
          addFreeze(
            stores,
            {
              environment: flags.env,
              cron: flags.cron,
              from: flags.from,
              until: flags.until,
              reason: flags.reason,
              createdBy: actingUser(flags.by, process.env),
            },
            undefined,
            FREEZE_FLAGS,
          ),
        );
        if (flags.json) printJson(record);
        else
          process.stdout.write(
            `Added freeze ${record.id} on ${record.environment}: ${record.cron ?? `${record.from} to ${record.until}`} (${record.reason}).\n`,
          );
      },
    );
  freeze
    .command('list')
    .description('Freezes and break-glass records')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
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
            f.cron ? `cron ${f.cron}` : `${f.from} .. ${f.until}`,
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
    });
  freeze
    .command('break-glass')
    .description(
      'Open the glass: deployments to the environment pass freezes and windows for a limited time, recorded with who and why',
    )
    .requiredOption('--env <id>', 'environment')
    .requiredOption('--by <person>', 'who breaks the glass')
    .requiredOption('--reason <text>', 'why')
    .option('--service <id>', 'only this service')
    .option('--for <duration>', 'how long, such as 90m or 2h (at most 72h)', '1h')
    .option('--from <time>', 'start (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(
      async (
        flags: {
          env: string;
          by: string;
          reason: string;
          service?: string;
          for: string;
          from?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
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
        const until = new Date(
          start + Number(match[1]) * (match[2] === 'h' ? 3_600_000 : 60_000),
        ).toISOString();
        const record = await withStores(command, (stores) =>
          breakGlass(
            stores,
            {
              environment: flags.env,
              service: flags.service,
              by: flags.by,
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
      },
    );
}
