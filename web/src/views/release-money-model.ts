/** Pure helpers of the release money panel (release-money-panel.tsx); unit-tested under Node. */

export const PART_LABELS: Record<string, string> = {
  cloud: 'Cloud (allocated bill)',
  labour: 'Labour booked',
  pipeline: 'Pipeline (CI minutes)',
  deploymentProcess: 'Deployment process',
};

/** A part's amount for reading: the amount, or the word "missing" (never 0) when its data is missing. */
export function describePart(amount: string | null): { missing: boolean; text: string } {
  return amount === null ? { missing: true, text: 'missing' } : { missing: false, text: amount };
}

/** A YYYY-MM-DD day count days before or after `day`. */
export function shiftDay(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

/**
 * The period the environment and pipeline tables show by default: the release's deployment
 * window (to the day after its last day), else the 30 days through the last day with data.
 */
export function defaultPeriod(
  window: { from: string; to: string } | null,
  lastDay: string | null,
): { from: string; to: string } | null {
  if (window) return { from: window.from.slice(0, 10), to: shiftDay(window.to.slice(0, 10), 1) };
  if (lastDay) return { from: shiftDay(lastDay, -29), to: shiftDay(lastDay, 1) };
  return null;
}

/** The CI service to apportion by default: ci-runners where the catalogue has it, else one named like CI. */
export function defaultCiService(services: readonly { id: string }[]): string {
  return (
    services.find((service) => service.id === 'ci-runners')?.id ??
    services.find((service) => /(^|-)ci(-|$)/.test(service.id))?.id ??
    ''
  );
}
