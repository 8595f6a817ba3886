import type { ReleaseRow } from './releases-types.js';

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The KPI period a release manager expects first: the last 90 days when releases are planned
 * in or after them; otherwise (history only, e.g. the demo's year) the calendar year of the
 * latest planned release, said so on screen, rather than an empty page.
 */
export function defaultKpiPeriod(
  releases: readonly ReleaseRow[],
  now: Date,
): { from: string; to: string; note: string | null } {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
  const recent = { from: day(new Date(tomorrow.getTime() - 90 * DAY_MS)), to: day(tomorrow), note: null };
  const latest = releases
    .map((release) => release.plannedDate)
    .sort()
    .at(-1);
  if (latest === undefined || latest >= recent.from) return recent;
  const year = Number(latest.slice(0, 4));
  return {
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    note: `No release is planned in the last 90 days, so this shows ${year}, the year of the latest release.`,
  };
}
