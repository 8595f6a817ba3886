import { TollgateError } from '../errors.js';
import { type FieldLabels, labelOf } from '../field-labels.js';

export const ALERT_VERDICTS = ['true-positive', 'false-positive'] as const;
export type AlertVerdict = (typeof ALERT_VERDICTS)[number];

/** Someone's verdict on an alert: did it point at a real problem? */
export interface AlertFeedback {
  alertId: number;
  verdict: AlertVerdict;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** Counts of verdicts by alert kind, and the precision they imply (null without verdicts). */
export interface FeedbackTally {
  kind: string;
  truePositives: number;
  falsePositives: number;
  precision: number | null;
}

const MAX_NOTE = 2000;

export function parseVerdict(text: string, labels: FieldLabels<'verdict'> = {}): AlertVerdict {
  const verdict = ALERT_VERDICTS.find((candidate) => candidate === text.trim().toLowerCase());
  if (!verdict)
    throw new TollgateError(
      'ALERT_BAD_VERDICT',
      `${labelOf(labels, 'verdict')} '${text}' is not a verdict; say true-positive (the alert found a real problem) or false-positive.`,
      'usage',
    );
  return verdict;
}

export function parseFeedbackNote(text: string | undefined, labels: FieldLabels<'note'> = {}): string | null {
  if (text === undefined || text.trim() === '') return null;
  if (text.length > MAX_NOTE || text.includes('\u0000'))
    throw new TollgateError(
      'ALERT_BAD_NOTE',
      `${labelOf(labels, 'note')} must be text of at most ${MAX_NOTE} characters; shorten it.`,
      'usage',
    );
  return text.trim();
}

/** Verdicts counted per alert kind, kinds in name order, then all kinds together as 'all'. */
export function tallyFeedback(feedback: readonly { kind: string; verdict: AlertVerdict }[]): FeedbackTally[] {
  const kinds = [...new Set(feedback.map((entry) => entry.kind))].sort();
  const tally = (entries: readonly { verdict: AlertVerdict }[], kind: string): FeedbackTally => {
    const truePositives = entries.filter((entry) => entry.verdict === 'true-positive').length;
    const falsePositives = entries.length - truePositives;
    return {
      kind,
      truePositives,
      falsePositives,
      precision: entries.length === 0 ? null : truePositives / entries.length,
    };
  };
  return [
    ...kinds.map((kind) =>
      tally(
        feedback.filter((entry) => entry.kind === kind),
        kind,
      ),
    ),
    tally(feedback, 'all'),
  ];
}
