import type { AlertFeedback } from '../core/alerting/alert-feedback.js';

/** Feedback on alerts (true or false positive): one verdict per alert, the latest. */
export interface AlertFeedbackStore {
  /** Records the alert's verdict, replacing an earlier one. */
  saveFeedback(feedback: AlertFeedback): Promise<void>;
  getFeedback(alertId: number): Promise<AlertFeedback | undefined>;
  /** Every verdict with its alert's kind and budget, oldest alert first. */
  listFeedback(): Promise<(AlertFeedback & { kind: string; budget: string })[]>;
}
