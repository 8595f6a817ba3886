import type { Catalog } from '../../catalog/catalog-model.js';
import { Decimal, MONEY_SCALE } from '../../money.js';
import type { IncidentRecord } from '../deployments/incident-record.js';
import type { RateCard } from '../releases/rate-card.js';

export interface CostedResponder {
  role: string;
  hours: string;
  /** null when the rate card has no rate for the role on the incident's start date. */
  hourlyRate: string | null;
  cost: string | null;
}

export interface IncidentCost {
  incidentId: string;
  service: string;
  severity: string;
  startedAt: string;
  resolvedAt: string | null;
  currency: string;
  /** Start to resolution; null while the incident is open. */
  outageHours: string | null;
  /** Start to detection; null when no detection time was recorded. */
  hoursToDetect: string | null;
  responders: CostedResponder[];
  /** null when no responder time is recorded (a missing figure, not a zero). */
  responderCost: string | null;
  /** Outage hours times each hit service's revenue per outage hour; null when none is known. */
  revenueImpact: string | null;
  slaCredits: string | null;
  /** The sum of the parts that are known; null when none is. */
  total: string | null;
  /** What the total leaves out, each as a sentence saying what to record. */
  missing: string[];
}

const HOUR = 3_600_000;

function hoursBetween(from: string, to: string): Decimal {
  return new Decimal(Date.parse(to) - Date.parse(from)).div(HOUR);
}

/** Milliseconds times the hourly amount, divided last, so whole minutes price exactly. */
function priceOutage(from: string, to: string, perHour: string): Decimal {
  return new Decimal(Date.parse(to) - Date.parse(from)).mul(perHour).div(HOUR);
}

/**
 * What an incident cost, from its parts:
 * 1. responders: each role's hours times its rate card rate on the start date (same currency);
 * 2. revenue impact: outage hours (start to resolution) times the revenue per outage hour the
 *    catalogue states for its service and each other service it hit;
 * 3. SLA credits as recorded.
 * The total adds the known parts; every unknown part is named in `missing`, never counted as 0.
 */
export function computeIncidentCost(
  incident: IncidentRecord,
  catalog: Catalog,
  card: RateCard | undefined,
  currency: string,
): IncidentCost {
  const missing: string[] = [];
  const responders = (incident.responders ?? []).map((responder): CostedResponder => {
    const day = incident.startedAt.slice(0, 10);
    const entry = card?.entries.find(
      (candidate) =>
        candidate.role === responder.role &&
        candidate.effectiveFrom <= day &&
        (candidate.effectiveTo === undefined || candidate.effectiveTo >= day),
    );
    if (!entry || entry.currency !== currency) {
      missing.push(
        entry
          ? `Role '${responder.role}' is priced in ${entry.currency}, not ${currency}; its ${responder.hours} h are not costed.`
          : `The rate card has no rate for role '${responder.role}' on ${day}; its ${responder.hours} h are not costed.`,
      );
      return { role: responder.role, hours: responder.hours, hourlyRate: null, cost: null };
    }
    return {
      role: responder.role,
      hours: responder.hours,
      hourlyRate: entry.hourlyRate,
      cost: new Decimal(responder.hours).mul(entry.hourlyRate).toString(),
    };
  });
  if (responders.length === 0)
    missing.push('No responder time is recorded; record responders as role:hours.');
  const costed = responders.filter((r) => r.cost !== null);
  const responderCost =
    costed.length === 0 ? null : costed.reduce((sum, r) => sum.add(r.cost!), new Decimal(0)).toString();

  const resolvedAt = incident.resolvedAt;
  const hit = [incident.service, ...(incident.affectedServices ?? [])];
  const rates = hit
    .map((id) => catalog.services.find((s) => s.id === id)?.revenuePerOutageHour)
    .filter((rate): rate is string => rate !== undefined);
  let revenueImpact: string | null = null;
  if (resolvedAt === undefined)
    missing.push('The incident is not resolved; its outage hours and revenue impact are open.');
  else if (rates.length === 0)
    missing.push(
      `The catalogue states no revenue per outage hour for ${hit.join(', ')}; revenue impact is not counted.`,
    );
  else
    revenueImpact = rates
      .reduce((sum, rate) => sum.add(priceOutage(incident.startedAt, resolvedAt, rate)), new Decimal(0))
      .toDecimalPlaces(MONEY_SCALE)
      .toString();

  const known = [responderCost, revenueImpact, incident.slaCredits ?? null].filter(
    (part): part is string => part !== null,
  );
  const total =
    known.length === 0 ? null : known.reduce((sum, part) => sum.add(part), new Decimal(0)).toString();
  return {
    incidentId: incident.id,
    service: incident.service,
    severity: incident.severity,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt ?? null,
    currency,
    outageHours:
      resolvedAt === undefined
        ? null
        : hoursBetween(incident.startedAt, resolvedAt).toDecimalPlaces(4).toString(),
    hoursToDetect:
      incident.detectedAt === undefined
        ? null
        : hoursBetween(incident.startedAt, incident.detectedAt).toDecimalPlaces(4).toString(),
    responders,
    responderCost,
    revenueImpact,
    slaCredits: incident.slaCredits ?? null,
    total,
    missing,
  };
}
