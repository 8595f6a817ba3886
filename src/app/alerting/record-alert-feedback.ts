import {
  type AlertFeedback,
  type FeedbackTally,
  parseFeedbackNote,
  parseVerdict,
  tallyFeedback,
} from '../../core/alerting/alert-feedback.js';
import type { FieldLabels } from '../../core/field-labels.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { requireAlert } from './manage-alerts.js';

export interface FeedbackInput {
  id: string;
  verdict: string;
  note?: string | undefined;
}

/**
 * Records whether an alert was a true or a false positive (a later verdict replaces an earlier
 * one), with the alert's change in the audit log (before and after), in one transaction.
 * Any alert may be judged, resolved ones included: a false alarm is often judged after it ended.
 */
export async function recordAlertFeedback(
  stores: Stores,
  actor: Actor,
  input: FeedbackInput,
  labels: FieldLabels<'verdict' | 'note'> = {},
): Promise<AlertFeedback> {
  const verdict = parseVerdict(input.verdict, labels);
  const note = parseFeedbackNote(input.note, labels);
  return stores.transaction(async () => {
    const alert = await requireAlert(stores, input.id);
    const before = (await stores.alertFeedback.getFeedback(alert.id)) ?? null;
    const feedback: AlertFeedback = {
      alertId: alert.id,
      verdict,
      note,
      recordedBy: actor.name,
      recordedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await stores.alertFeedback.saveFeedback(feedback);
    await recordAudit(stores, actor, {
      action: 'alerts.feedback',
      target: `alert:${alert.id}`,
      before,
      after: feedback,
    });
    return feedback;
  });
}

/** Every recorded verdict and the counts per alert kind (what bench:anomaly reports). */
export async function listAlertFeedback(stores: Stores): Promise<{
  feedback: Awaited<ReturnType<Stores['alertFeedback']['listFeedback']>>;
  tally: FeedbackTally[];
}> {
  const feedback = await stores.alertFeedback.listFeedback();
  return { feedback, tally: tallyFeedback(feedback) };
}
