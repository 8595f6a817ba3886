/** The audit view's filters as they live in the URL: whole UTC days, inclusive at both ends. */
export interface AuditFilter {
  actor: string;
  action: string;
  /** YYYY-MM-DD or '' */
  since: string;
  /** YYYY-MM-DD or '' (inclusive) */
  until: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (2026-02-30 is not one, though Date.parse rolls it over). */
function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export function readAuditFilter(search: string): AuditFilter {
  const params = new URLSearchParams(search);
  return {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
}

/** What is wrong with a filter, in plain words; empty when it can be sent. */
export function auditFilterProblems(filter: AuditFilter): string[] {
  const problems: string[] = [];
  if (filter.since !== '' && !isDay(filter.since))
    problems.push(`'From' must be a day such as 2025-03-01, not '${filter.since}'.`);
  if (filter.until !== '' && !isDay(filter.until))
    problems.push(`'Until' must be a day such as 2025-03-31, not '${filter.until}'.`);
  if (problems.length === 0 && filter.since !== '' && filter.until !== '' && filter.since > filter.until)
    problems.push(`'From' (${filter.since}) is after 'Until' (${filter.until}); swap them.`);
  return problems;
}

/** The API's query: `since` inclusive, `until` exclusive, so the last day runs to its end. */
export function toAuditQuery(filter: AuditFilter): Record<string, string | undefined> {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    actor: filter.actor.trim() || undefined,
    action: filter.action.trim() || undefined,
    since: isDay(filter.since) ? `${filter.since}T00:00:00.000Z` : undefined,
    until: isDay(filter.until) ? nextDay(filter.until) : undefined,
  };
}
