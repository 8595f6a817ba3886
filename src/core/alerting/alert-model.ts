export const ALERT_SEVERITIES = ['page', 'ticket'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertKind = 'burn-rate' | 'threshold' | 'anomaly' | 'renewal';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** Something that is true now and deserves an alert; the key deduplicates it. */
export interface AlertCondition {
  /** One open alert per key: budget, period, rule and severity (or the anomaly's start). */
  key: string;
  budget: string;
  kind: AlertKind;
  severity: AlertSeverity;
  title: string;
  details: Record<string, unknown>;
}

export interface AlertRecord extends AlertCondition {
  id: number;
  status: AlertStatus;
  openedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  /** True when a silence covered the alert when it opened: recorded, not notified. */
  silenced: boolean;
}
