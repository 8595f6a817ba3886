import type { Criticality } from '../../core/catalog/catalog-model.js';
import type { IncidentResponder } from '../../core/governance/deployments/incident-record.js';
import { SeededRandom } from '../seeded-random.js';

export interface DemoIncidentResponse {
  detectedAt: string;
  responders: IncidentResponder[];
  slaCredits?: string;
}

const MINUTE = 60_000;
const quarterHours = (hours: number) => (Math.ceil(hours * 4) / 4).toFixed(2);

/**
 * How the demo organisation responded to an incident, from its own seed (the incident id) so
 * the year's other draws stay as they were:
 * 1. detection 2-20 minutes after the start for sev1 (paged), 5-45 otherwise, never after the
 *    resolution;
 * 2. responders by severity at the demo rate card's roles: sev1 an SRE and two engineers for the
 *    outage plus an hour's review, and a release manager commanding; sev2 an SRE and an engineer;
 *    sev3 one engineer for half the outage (at least half an hour);
 * 3. SLA credits for a sev1 on a critical service: 500 USD per started outage hour.
 */
export function describeDemoResponse(
  incident: { id: string; severity: string; startedAt: string; resolvedAt: string },
  criticality: Criticality,
): DemoIncidentResponse {
  const rng = new SeededRandom(`incident-response:${incident.id}`);
  const start = Date.parse(incident.startedAt);
  const end = Date.parse(incident.resolvedAt);
  const outage = (end - start) / 3_600_000;
  const delay = incident.severity === 'sev1' ? rng.integer(2, 20) : rng.integer(5, 45);
  const detectedAt = new Date(Math.min(end, start + delay * MINUTE)).toISOString();
  const responders: IncidentResponder[] =
    incident.severity === 'sev1'
      ? [
          { role: 'sre', hours: quarterHours(outage + 1) },
          { role: 'engineer', hours: quarterHours(2 * (outage + 1)) },
          { role: 'release-manager', hours: quarterHours(Math.max(1, outage)) },
        ]
      : incident.severity === 'sev2'
        ? [
            { role: 'sre', hours: quarterHours(outage + 0.5) },
            { role: 'engineer', hours: quarterHours(outage + 0.5) },
          ]
        : [{ role: 'engineer', hours: quarterHours(Math.max(0.5, outage / 2)) }];
  const credits = incident.severity === 'sev1' && criticality === 'critical' ? 500 * Math.ceil(outage) : 0;
  return credits > 0 ? { detectedAt, responders, slaCredits: String(credits) } : { detectedAt, responders };
}
