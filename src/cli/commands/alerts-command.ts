import type { Command } from 'commander';
import { acknowledgeAlertAudited, silenceAlertsAudited } from '../../app/alerting/audited-alert-writes.js';
import { evaluateAlerts } from '../../app/alerting/evaluate-alerts.js';
import { requireAlert } from '../../app/alerting/manage-alerts.js';
import { openNotifier } from '../../app/alerting/open-notifier.js';
import { todayUtc } from '../../app/budget/budget-status-report.js';
import { createChannel, removeChannel } from '../../app/channels/manage-channels.js';
import type { WebhookFormat } from '../../core/alerting/webhook-payload.js';
import { TollgateError } from '../../core/errors.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, readServerSettings, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

export async function runAlertsEvaluate(
  flags: {
    asOf?: string;
    webhookTimeout: number;
    webhookAttempts: number;
    webhookBackoff: number;
    json?: boolean;
  },
  command: Command,
) {
  const notifier = openNotifier({
    allowPrivate: readServerSettings(command).webhookAllowPrivate,
    timeoutMs: flags.webhookTimeout,
    attempts: flags.webhookAttempts,
    backoffMs: flags.webhookBackoff,
  });
  // Evaluating opens and resolves alerts: a token needs the role that writes budgets' alerts.
  const result = await withIdentity(command, 'budgets:write', (stores, identity) =>
    evaluateAlerts(stores, notifier, flags.asOf ?? todayUtc(), identity.actor),
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
  if (result.escalated.length)
    out.push(`  escalated (sent again): ${result.escalated.map((id) => `#${id}`).join(', ')}`);
  if (result.resolved.length) out.push(`  resolved: ${result.resolved.map((id) => `#${id}`).join(', ')}`);
  for (const d of result.deliveries)
    out.push(
      `  webhook #${d.webhookId} alert #${d.alertId}: ${d.delivered ? 'delivered' : `not delivered after ${d.attempts} attempt(s) (${d.lastError}); will retry on the next evaluate`}`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function runAlertsList(
  flags: { all?: boolean; budget?: string; json?: boolean },
  command: Command,
) {
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
}

export async function runAlertsShow(id: string, flags: { json?: boolean }, command: Command) {
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
}

export async function runAlertsAck(id: string, flags: { by?: string; json?: boolean }, command: Command) {
  const alert = await withActingIdentity(command, 'budgets:write', flags.by, (stores, identity) =>
    acknowledgeAlertAudited(stores, identity, id),
  );
  if (flags.json) printJson(alert);
  else process.stdout.write(`Alert #${alert.id} acknowledged by ${alert.acknowledgedBy}.\n`);
}

export async function runAlertsSilence(
  flags: { budget?: string; allBudgets?: boolean; for: string; reason: string; json?: boolean },
  command: Command,
) {
  if (Boolean(flags.budget) === Boolean(flags.allBudgets))
    throw new TollgateError('ALERT_SILENCE_SCOPE', 'Give either --budget <name> or --all-budgets.', 'usage');
  const silence = await withIdentity(command, 'budgets:write', (stores, identity) =>
    silenceAlertsAudited(stores, identity, {
      budget: flags.budget ?? null,
      duration: flags.for,
      reason: flags.reason,
    }),
  );
  if (flags.json) printJson(silence);
  else
    process.stdout.write(
      `Silenced ${silence.budget ?? 'every budget'} until ${silence.endsAt}: ${silence.reason}\n`,
    );
}

export async function runAlertsWebhooksAdd(
  url: string,
  flags: { format: WebhookFormat; secret: string; route?: string; json?: boolean },
  command: Command,
) {
  // The same use case as POST /alerts/channels: the channel and its audit entry (never its
  // secret, nor the token an incoming-webhook address carries) commit together.
  const webhook = await withIdentity(command, 'budgets:write', (stores, { actor }) =>
    createChannel(
      stores,
      actor,
      { url, format: flags.format, secret: flags.secret, route: flags.route },
      { allowPrivate: readServerSettings(command).webhookAllowPrivate },
    ),
  );
  // The address as typed: the person who typed it may see it; the audit log keeps it masked.
  const shown = { id: webhook.id, url, format: webhook.format, route: webhook.route };
  if (flags.json) printJson(shown);
  else
    process.stdout.write(
      `Webhook #${shown.id} added: ${url} (${shown.format}; ${shown.route ? `alerts of ${shown.route}` : 'every alert'}).\n`,
    );
}

export async function runAlertsWebhooksList(flags: { json?: boolean }, command: Command) {
  const list = (await withStores(command, (stores) => stores.alerts.listWebhooks())).map(
    ({ secret: _, ...w }) => w,
  );
  if (flags.json) printJson(list);
  else if (list.length === 0)
    process.stdout.write('No webhooks. Add one with tollgate alerts webhooks add <url> --secret <s>.\n');
  else
    process.stdout.write(
      `${renderTable(
        ['id', 'format', 'route', 'url'],
        list.map((w) => [String(w.id), w.format, w.route ?? '(every alert)', w.url]),
      )}\n`,
    );
}

export async function runAlertsWebhooksRemove(id: string, flags: { json?: boolean }, command: Command) {
  // The same use case as DELETE /alerts/channels/:id (an unknown id is WEBHOOK_NOT_FOUND).
  await withIdentity(command, 'budgets:write', (stores, { actor }) => removeChannel(stores, actor, id));
  if (flags.json) printJson({ removed: Number(id) });
  else process.stdout.write(`Webhook #${id} removed.\n`);
}
