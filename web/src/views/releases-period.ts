const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The KPI period a release manager expects first: the last 90 days. When the data ends
 * earlier (history only, e.g. the demo's past year), the 90 days up to the end of the last
 * month with cost data instead, said so on screen, rather than an empty page.
 */
export function defaultKpiPeriod(
  lastMonth: string | null,
  now: Date,
): { from: string; to: string; note: string | null } {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
  const recent = { from: day(new Date(tomorrow.getTime() - 90 * DAY_MS)), to: day(tomorrow), note: null };
  if (lastMonth === null || !/^\d{4}-\d{2}$/.test(lastMonth)) return recent;
  const [year, month] = lastMonth.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, month, 1));
  if (end.getTime() >= Date.parse(`${recent.from}T00:00:00Z`)) return recent;
  return {
    from: day(new Date(end.getTime() - 90 * DAY_MS)),
    to: day(end),
    note: `No data in the last 90 days, so this shows the 90 days up to the end of ${lastMonth}, the last month with data.`,
  };
}
