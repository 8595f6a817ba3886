import type { Command } from 'commander';
import { listAlertFeedback, recordAlertFeedback } from '../../app/alerting/record-alert-feedback.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

const CLI_LABELS = { verdict: '--verdict', note: '--note' } as const;

export async function runAlertsFeedback(
  id: string,
  flags: { verdict: string; note?: string; json?: boolean },
  command: Command,
) {
  const feedback = await withIdentity(command, 'budgets:write', (stores, { actor }) =>
    recordAlertFeedback(stores, actor, { id, verdict: flags.verdict, note: flags.note }, CLI_LABELS),
  );
  if (flags.json) printJson(feedback);
  else
    process.stdout.write(
      `Alert #${feedback.alertId} recorded as a ${feedback.verdict} by ${feedback.recordedBy}.\n`,
    );
}

export async function runAlertsFeedbackList(flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => listAlertFeedback(stores));
  if (flags.json) {
    printJson(result);
    return;
  }
  if (result.feedback.length === 0) {
    process.stdout.write(
      'No feedback recorded yet; record it with tollgate alerts feedback <id> --verdict ...\n',
    );
    return;
  }
  process.stdout.write(
    renderTable(
      ['alert', 'kind', 'budget', 'verdict', 'by', 'at', 'note'],
      result.feedback.map((f) => [
        `#${f.alertId}`,
        f.kind,
        f.budget,
        f.verdict,
        f.recordedBy,
        f.recordedAt,
        f.note ?? '',
      ]),
    ),
  );
  process.stdout.write(
    `${result.tally
      .map(
        (t) =>
          `${t.kind}: ${t.truePositives} true, ${t.falsePositives} false positive(s)${t.precision === null ? '' : `, precision ${t.precision.toFixed(3)}`}`,
      )
      .join('\n')}\n`,
  );
}
