import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { evaluateAlerts } from '../../app/alerting/evaluate-alerts.js';
import {
  acknowledgeAlert,
  addWebhook,
  requireAlert,
  silenceAlerts,
} from '../../app/alerting/manage-alerts.js';
import { openNotifier } from '../../app/alerting/open-notifier.js';
import { todayUtc } from '../../app/budget/budget-status-report.js';
import type { WebhookFormat } from '../../core/alerting/webhook-payload.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError('write a whole number of 1 or more.');
  return value;
}

function nonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidArgumentError('write a whole number of 0 or more.');
  return value;
}

export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description(
      'Budget burn-rate, threshold and anomaly alerts: evaluate, list, show, ack, silence; webhooks',
    );

  alerts
    .command('evaluate')
    .description(
      'Evaluate every budget (status, burn rates, thresholds, anomalies), record alerts, notify webhooks',
    )
    .option('--as-of <date>', 'evaluate as on this day (YYYY-MM-DD, default today UTC)')
    .option(
      '--webhook-timeout <ms>',
      'give up on a receiver that has not answered after this many ms',
      positiveInteger,
      5000,
    )
    .option('--webhook-attempts <n>', 'attempts per delivery, the first included', positiveInteger, 3)
    .option(
      '--webhook-backoff <ms>',
      'wait before the second attempt, doubled before each next one',
      nonNegativeInteger,
      1000,
    )
    .option('--json', 'print as JSON')
    .action(
      async (
        flags: {
          asOf?: string;
          webhookTimeout: number;
          webhookAttempts: number;
          webhookBackoff: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        const notifier = openNotifier({
          timeoutMs: flags.webhookTimeout,
          attempts: flags.webhookAttempts,
          backoffMs: flags.webhookBackoff,
        });
        const result = await withStores(command, (stores) =>
          evaluateAlerts(stores, notifier, flags.asOf ?? todayUtc()),
        );
        if (flags.json) {
          printJson(result);
          return;
        }
        const out: string[] = [`Evaluated ${result.budgets.length} budget(s) as of ${result.asOf}.`];
        for (const b of result.budgets) {
          if (b.error) out.push(`  ${b.budget}: not evaluated [${b.error.code}] ${b.error.message}`);
          else
            out.push(
              `  ${b.budget}: burn fast ${b.burnRate!.fast.toFixed(2)}x, slow ${b.burnRate!.slow.toFixed(2)}x; ${b.conditions.length} condition(s)`,
            );
        }
        for (const a of result.opened)
          out.push(`  opened #${a.id} [${a.severity}]${a.silenced ? ' (silenced)' : ''} ${a.title}`);
        if (result.resolved.length)
          out.push(`  resolved: ${result.resolved.map((id) => `#${id}`).join(', ')}`);
        for (const d of result.deliveries)
          out.push(
            `  webhook #${d.webhookId} alert #${d.alertId}: ${d.delivered ? 'delivered' : `not delivered after ${d.attempts} attempt(s) (${d.lastError}); will retry on the next evaluate`}`,
          );
        process.stdout.write(`${out.join('\n')}\n`);
      },
    );

  alerts
    .command('list', { isDefault: true })
    .description('Open and acknowledged alerts (--all for resolved ones too)')
    .option('--all', 'include resolved alerts')
    .option('--budget <name>', 'only this budget')
    .option('--json', 'print as JSON')
    .action(async (flags: { all?: boolean; budget?: string; json?: boolean }, command: Command) => {
      const list = await withStores(command, (stores) =>
        stores.alerts.listAlerts({
          all: Boolean(flags.all),
          ...(flags.budget ? { budget: flags.budget } : {}),
        }),
      );
      if (flags.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('No alerts.\n');
        return;
      }
      process.stdout.write(
        `${renderTable(
          ['id', 'severity', 'status', 'kind', 'budget', 'opened', 'title'],
          list.map((a) => [
            String(a.id),
            a.severity,
            a.status + (a.silenced ? ' (silenced)' : ''),
            a.kind,
            a.budget,
            a.openedAt,
            a.title,
          ]),
        )}\n`,
      );
    });

  alerts
    .command('show')
    .description('One alert with its history and every delivery attempt')
    .argument('<id>', 'alert id')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const result = await withStores(command, async (stores) => {
        const alert = await requireAlert(stores, id);
        return {
          alert,
          history: await stores.alerts.listEvents(alert.id),
          attempts: await stores.alerts.listAttempts(alert.id),
        };
      });
      if (flags.json) printJson(result);
      else {
        const { alert } = result;
        process.stdout.write(
          [
            `#${alert.id} [${alert.severity}] ${alert.status} ${alert.title}`,
            ...result.history.map((e) => `  ${e.at} ${e.event}${e.note ? ` (${e.note})` : ''}`),
            ...result.attempts.map(
              (t) =>
                `  ${t.at} webhook #${t.webhookId} attempt ${t.attempt}: ${t.httpStatus ?? '-'} ${t.error ?? 'ok'} (${t.durationMs} ms)`,
            ),
          ].join('\n') + '\n',
        );
      }
    });

  alerts
    .command('ack')
    .description('Acknowledge an open alert: someone is on it')
    .argument('<id>', 'alert id')
    .option('--by <name>', 'who acknowledges (default: the current user)')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: { by?: string; json?: boolean }, command: Command) => {
      const alert = await withStores(command, (stores) =>
        acknowledgeAlert(stores, id, flags.by ?? userInfo().username),
      );
      if (flags.json) printJson(alert);
      else process.stdout.write(`Alert #${alert.id} acknowledged by ${alert.acknowledgedBy}.\n`);
    });

  alerts
    .command('silence')
    .description('Record but do not notify new alerts for a window (a migration, a load test)')
    .option('--budget <name>', 'the budget to silence')
    .option('--all-budgets', 'silence every budget')
    .requiredOption('--for <duration>', 'how long: 30m, 4h, 2d (max 90d)')
    .requiredOption('--reason <text>', 'why, for the history')
    .option('--json', 'print as JSON')
    .action(
      async (
        flags: { budget?: string; allBudgets?: boolean; for: string; reason: string; json?: boolean },
        command: Command,
      ) => {
        if (Boolean(flags.budget) === Boolean(flags.allBudgets))
          throw new TollgateError(
            'ALERT_SILENCE_SCOPE',
            'Give either --budget <name> or --all-budgets.',
            'usage',
          );
        const silence = await withStores(command, (stores) =>
          silenceAlerts(stores, { budget: flags.budget ?? null, duration: flags.for, reason: flags.reason }),
        );
        if (flags.json) printJson(silence);
        else
          process.stdout.write(
            `Silenced ${silence.budget ?? 'every budget'} until ${silence.endsAt}: ${silence.reason}\n`,
          );
      },
    );

  const webhooks = alerts.command('webhooks').description('Where alerts are posted: add, list, remove');
  webhooks
    .command('add')
    .description(
      'Post new alerts to this URL, signed with HMAC-SHA256 (headers x-tollgate-timestamp, x-tollgate-signature)',
    )
    .argument('<url>', 'http(s) URL of the receiver')
    .addOption(
      new Option('--format <format>', 'body: Tollgate JSON or a Slack message')
        .choices(['json', 'slack'])
        .default('json'),
    )
    .requiredOption('--secret <secret>', 'signing secret shared with the receiver (16+ characters)')
    .option('--json', 'print as JSON')
    .action(
      async (
        url: string,
        flags: { format: WebhookFormat; secret: string; json?: boolean },
        command: Command,
      ) => {
        const webhook = await withStores(command, (stores) =>
          addWebhook(stores, { url, format: flags.format, secret: flags.secret }),
        );
        if (flags.json) printJson({ id: webhook.id, url: webhook.url, format: webhook.format });
        else process.stdout.write(`Webhook #${webhook.id} added: ${webhook.url} (${webhook.format}).\n`);
      },
    );
  webhooks
    .command('list', { isDefault: true })
    .description('List webhooks (secrets are not shown)')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = (await withStores(command, (stores) => stores.alerts.listWebhooks())).map(
        ({ secret: _, ...w }) => w,
      );
      if (flags.json) printJson(list);
      else if (list.length === 0)
        process.stdout.write('No webhooks. Add one with tollgate alerts webhooks add <url> --secret <s>.\n');
      else
        process.stdout.write(
          `${renderTable(
            ['id', 'format', 'url'],
            list.map((w) => [String(w.id), w.format, w.url]),
          )}\n`,
        );
    });
  webhooks
    .command('remove')
    .description('Stop posting to a webhook (its delivery history stays)')
    .argument('<id>', 'webhook id')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const removed = await withStores(command, (stores) =>
        stores.transaction(() => stores.alerts.removeWebhook(Number.isInteger(Number(id)) ? Number(id) : -1)),
      );
      if (!removed)
        throw new TollgateError(
          'WEBHOOK_NOT_FOUND',
          `No webhook #${id}. List them with tollgate alerts webhooks list.`,
          'not-found',
        );
      if (flags.json) printJson({ removed: Number(id) });
      else process.stdout.write(`Webhook #${id} removed.\n`);
    });
}
