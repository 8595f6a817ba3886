import type { Service } from '../../core/catalog/catalog-model.js';
import { DEMO_CATALOG } from '../demo-organisation.js';
import { SeededRandom } from '../seeded-random.js';
import { type DemoGateScene, planDemoGateScene } from './demo-gate-plan.js';
import {
  DEMO_CAB,
  DEMO_RATE_CARD,
  DEMO_SERVICE_OWNERS,
  DEMO_STANDARD_TEAMS,
  DEMO_YEAR_END_FREEZE,
  demoPolicyDocument,
} from './demo-governance-config.js';
import { type DemoIncidentResponse, describeDemoResponse } from './demo-incident-response.js';
import { type DemoTimeEntry, planDemoReleaseTime } from './demo-release-time.js';

type ChangeType = 'standard' | 'normal' | 'emergency';
type Outcome = 'succeeded' | 'failed' | 'rolled_back';

export interface DemoRelease {
  id: string;
  name: string;
  services: string[];
  currency: 'USD';
  budget: string;
  plannedDate: string;
  costOfDelayPerWeek: string;
  spendClass: 'capex' | 'opex';
  spendReason: string;
  estimate: {
    labour: { role: string; hours: string }[];
    licences: { name: string; amount: string }[];
    environments: { stage: string; environmentClass: string; hours: string }[];
    environmentRates: Record<string, string>;
    contingency: { percent: string };
  };
  createdAt: string;
  /** When the demo closes it; undefined for releases still open at the end of the year. */
  closeAt?: string | undefined;
}

export interface DemoDeployment {
  service: string;
  environment: string;
  version: string;
  commitSha: string;
  committedAt: string;
  startedAt: string;
  finishedAt: string;
  outcome: Outcome;
  changeType: ChangeType;
  releaseId?: string | undefined;
  triggeredBy: string;
  pipelineMinutes: string;
  pipelineRun: string;
}

export interface DemoApproval {
  approver: string;
  role: string;
  kind: 'approval' | 'sign-off';
  at: string;
}

/** One event of the demo year, in time order. */
export type DemoEvent =
  | { kind: 'deployment'; at: string; deployment: DemoDeployment }
  | {
      kind: 'change';
      at: string;
      change: {
        service: string;
        environment: string;
        changeType: ChangeType;
        releaseId?: string | undefined;
        version: string;
        requestedBy: string;
        estimatedCost: string;
        readyAt: string;
      };
      approvals: DemoApproval[];
      deployment: DemoDeployment;
      /** How the pipeline meets the gate when it is not the plain ask-then-deploy (demo-gate-plan.ts). */
      gate?: DemoGateScene | undefined;
    }
  | {
      kind: 'incident';
      at: string;
      incident: {
        id: string;
        service: string;
        environment: string;
        title: string;
        severity: string;
        startedAt: string;
        resolvedAt: string;
      } & Partial<DemoIncidentResponse>;
    }
  | {
      kind: 'break-glass';
      at: string;
      breakGlass: {
        environment: string;
        service: string;
        by: string;
        reason: string;
        from: string;
        until: string;
      };
    }
  | { kind: 'close-release'; at: string; releaseId: string };

export interface DemoGovernance {
  /** Labour booked to the releases (demo-release-time.ts). */
  timeEntries: DemoTimeEntry[];
  rateCard: typeof DEMO_RATE_CARD;
  policy: ReturnType<typeof demoPolicyDocument>;
  freeze: typeof DEMO_YEAR_END_FREEZE;
  releases: DemoRelease[];
  events: DemoEvent[];
}

/** Production deployments per week, and the share that fail, by team: platform teams deploy often and cheaply. */
const TEAM_PRACTICE: Record<string, { perWeek: number; failure: number }> = {
  platform: { perWeek: 3, failure: 0.04 },
  observability: { perWeek: 2, failure: 0.05 },
  search: { perWeek: 2, failure: 0.06 },
  catalog: { perWeek: 1, failure: 0.08 },
  mobile: { perWeek: 0.5, failure: 0.1 },
  checkout: { perWeek: 1, failure: 0.08 },
  payments: { perWeek: 0.7, failure: 0.1 },
  identity: { perWeek: 0.6, failure: 0.09 },
  'data-platform': { perWeek: 1, failure: 0.07 },
  ml: { perWeek: 0.8, failure: 0.12 },
};

const YEAR_START = Date.UTC(2025, 0, 6); // the first Monday of 2025
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const money = (value: number) => value.toFixed(2);

/** Inside the demo policy's production window: Monday to Thursday, 08:00-17:59 UTC. */
function inProductionWindow(ms: number): boolean {
  const date = new Date(ms);
  const day = date.getUTCDay();
  return day >= 1 && day <= 4 && date.getUTCHours() >= 8 && date.getUTCHours() <= 17;
}

function inYearEndFreeze(ms: number): boolean {
  const date = new Date(ms);
  return date.getUTCMonth() === 11 && date.getUTCDate() >= 15;
}

function planReleases(rng: SeededRandom, services: Service[]): DemoRelease[] {
  const candidates = services.filter(
    (s) => (s.criticality === 'critical' || s.criticality === 'high') && s.environments.includes('prod'),
  );
  const releases: DemoRelease[] = [];
  for (let i = 0; i < 12; i++) {
    const service = candidates[(i * 5) % candidates.length]!;
    const month = i; // one release planned per month
    const planned = Date.UTC(2025, month, 10 + rng.integer(0, 14));
    const engineerHours = rng.integer(80, 320);
    const capex = i % 3 === 0;
    const estimateApprox = engineerHours * 97 + rng.integer(5, 20) * 70 + rng.integer(10, 40) * 108 + 1200;
    // One release in six is under-budgeted, so overruns and their approvals show up in the demo.
    const budget = estimateApprox * (i % 6 === 4 ? 0.75 : 1.15 + rng.next() * 0.2);
    releases.push({
      id: `R-2025-${String(month + 1).padStart(2, '0')}`,
      name: `${service.name} ${capex ? 'new capability' : 'improvements'} ${month + 1}/2025`,
      services: [service.id],
      currency: 'USD',
      budget: money(budget),
      plannedDate: iso(planned).slice(0, 10),
      costOfDelayPerWeek: money(rng.integer(20, 150) * 100),
      spendClass: capex ? 'capex' : 'opex',
      spendReason: capex
        ? 'New capability that creates a software asset, capitalised'
        : 'Improvement of a running service',
      estimate: {
        labour: [
          { role: 'engineer', hours: String(engineerHours) },
          { role: 'tech-writer', hours: String(rng.integer(5, 20)) },
          { role: 'sre', hours: String(rng.integer(10, 40)) },
        ],
        licences: [{ name: 'load-testing seats', amount: '400' }],
        environments: [
          { stage: 'staging', environmentClass: 'non-production', hours: String(rng.integer(100, 300)) },
          { stage: 'prod', environmentClass: 'prod', hours: String(rng.integer(5, 30)) },
        ],
        environmentRates: { 'non-production': '2.2', prod: '9.5' },
        contingency: { percent: '10' },
      },
      createdAt: iso(planned - 45 * DAY),
      closeAt: planned + 21 * DAY < Date.UTC(2025, 11, 15) ? iso(planned + 21 * DAY) : undefined,
    });
  }
  return releases;
}

function hex(rng: SeededRandom, length: number): string {
  let text = '';
  while (text.length < length) text += rng.nextUint32().toString(16).padStart(8, '0');
  return text.slice(0, length);
}

/**
 * A year of release and deployment activity for the demo organisation, from a seed:
 * 1. twelve releases of critical and high services, one planned per month, some capex;
 * 2. per service and week, production deployments at its team's cadence, inside the windows
 *    (Monday to Thursday, 08-17 UTC), each with a change request (standard for the teams that
 *    work that way, normal otherwise, with approvals and sign-off), a staging deployment first;
 * 3. failures and rollbacks at the team's failure rate, each fixed by an emergency change, a
 *    third of them with an incident; a few incidents after successful deployments;
 * 4. no routine deployment during the year-end freeze; emergencies then, and fixes out of
 *    hours, go through break-glass;
 * 5. a few normal changes meet the gate before their last approval, and one goes without its
 *    financial sign-off and is deployed anyway (demo-gate-plan.ts).
 * `weeks` shortens the year (from its first Monday) for quick loads; the default is all of it.
 */
export function generateDemoGovernance(seed = 1, options: { weeks?: number } = {}): DemoGovernance {
  const weeks = Math.min(51, Math.max(1, options.weeks ?? 51));
  const rng = new SeededRandom(`governance-${seed}`);
  const services = DEMO_CATALOG.services;
  const releases = planReleases(rng, services);
  const events: DemoEvent[] = [];
  let incidentNumber = 0;
  let normalChanges = 0;
  const ownerOf = (service: Service) => DEMO_SERVICE_OWNERS[service.ownerTeam] ?? 'unknown';
  // A release's work reaches production from a week before its planned date; every fourth one
  // slips ten days, so schedule adherence has late releases to show.
  const readyFrom = new Map(
    releases.map((r, index) => [r.id, Date.parse(r.plannedDate) + (index % 4 === 1 ? 10 : -7) * DAY]),
  );
  const releaseFor = (service: string, at: number) =>
    releases.find(
      (r) =>
        r.services.includes(service) &&
        readyFrom.get(r.id)! <= at &&
        at <= Date.parse(r.plannedDate) + 14 * DAY,
    );

  const deploymentOf = (
    service: Service,
    environment: string,
    version: string,
    sha: string,
    committedAt: number,
    start: number,
    outcome: Outcome,
    changeType: ChangeType,
    releaseId?: string,
  ): DemoDeployment => ({
    service: service.id,
    environment,
    version,
    commitSha: sha,
    committedAt: iso(committedAt),
    startedAt: iso(start),
    finishedAt: iso(start + rng.integer(8, 45) * 60_000),
    outcome,
    changeType,
    releaseId,
    triggeredBy: `${service.ownerTeam}-ci`,
    pipelineMinutes: String(rng.integer(6, 40)),
    pipelineRun: `run-${hex(rng, 10)}`,
  });

  const changeEvent = (
    service: Service,
    deployment: DemoDeployment,
    readyAt: number,
    estimate: number,
  ): DemoEvent => {
    const approvals: DemoApproval[] = [];
    const deployAt = Date.parse(deployment.startedAt);
    const between = () => iso(readyAt + (deployAt - readyAt) * (0.2 + 0.7 * rng.next()));
    const release = deployment.releaseId ? releases.find((r) => r.id === deployment.releaseId) : undefined;
    if (deployment.changeType === 'normal') {
      approvals.push({ approver: ownerOf(service), role: 'service-owner', kind: 'approval', at: between() });
      const cab = service.criticality === 'critical' ? 3 : 2;
      for (const person of [...DEMO_CAB].sort(() => rng.next() - 0.5).slice(0, cab))
        approvals.push({ approver: person, role: 'cab', kind: 'approval', at: between() });
      if (release?.spendClass === 'capex' || estimate > 5000)
        approvals.push({ approver: 'fatima', role: 'finance', kind: 'approval', at: between() });
      // A release's budget owner approves each change that spends from it (no draw: the
      // seed's later draws stay as they were).
      if (release)
        approvals.push({
          approver: 'grace',
          role: 'budget-owner',
          kind: 'approval',
          at: iso(readyAt + (deployAt - readyAt) * 0.5),
        });
      if (deployment.environment === 'prod')
        approvals.push({
          approver: ownerOf(service),
          role: 'service-owner',
          kind: 'sign-off',
          at: between(),
        });
    } else if (deployment.changeType === 'emergency') {
      approvals.push({ approver: ownerOf(service), role: 'service-owner', kind: 'approval', at: between() });
      if (estimate > 1500)
        approvals.push({ approver: 'victoria', role: 'executive', kind: 'approval', at: between() });
    }
    return {
      kind: 'change',
      at: iso(readyAt),
      change: {
        service: service.id,
        environment: deployment.environment,
        changeType: deployment.changeType,
        releaseId: deployment.releaseId,
        version: deployment.version,
        requestedBy: `${service.ownerTeam}-dev`,
        estimatedCost: money(estimate),
        readyAt: iso(readyAt),
      },
      approvals: approvals.sort((a, b) => a.at.localeCompare(b.at)),
      deployment,
    };
  };

  for (const service of services.filter((s) => s.environments.includes('prod'))) {
    const practice = TEAM_PRACTICE[service.ownerTeam] ?? { perWeek: 1, failure: 0.08 };
    const hasStaging = service.environments.includes('staging');
    for (let week = 0; week < weeks; week++) {
      const count = Math.floor(practice.perWeek) + (rng.chance(practice.perWeek % 1) ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const start =
          YEAR_START +
          week * 7 * DAY +
          rng.integer(0, 3) * DAY +
          rng.integer(8, 16) * HOUR +
          rng.integer(0, 50) * 60_000;
        if (inYearEndFreeze(start)) continue;
        const changeType: ChangeType =
          DEMO_STANDARD_TEAMS.has(service.ownerTeam) && rng.chance(0.8) ? 'standard' : 'normal';
        const leadHours = changeType === 'standard' ? rng.integer(2, 24) : rng.integer(24, 24 * 6);
        const committedAt = start - leadHours * HOUR;
        const readyAt = committedAt + HOUR;
        const version = `${service.id}@2025.${week + 1}.${k + 1}`;
        const sha = hex(rng, 40);
        const release = releaseFor(service.id, start);
        if (hasStaging && changeType === 'normal') {
          const staged = deploymentOf(
            service,
            'staging',
            version,
            sha,
            committedAt,
            committedAt + 30 * 60_000,
            'succeeded',
            changeType,
            release?.id,
          );
          events.push({ kind: 'deployment', at: staged.startedAt, deployment: staged });
        }
        const roll = rng.next();
        const outcome: Outcome =
          roll < practice.failure / 2 ? 'failed' : roll < practice.failure ? 'rolled_back' : 'succeeded';
        const estimate = changeType === 'standard' ? rng.integer(150, 700) : rng.integer(400, 4000);
        const deployment = deploymentOf(
          service,
          'prod',
          version,
          sha,
          committedAt,
          start,
          outcome,
          changeType,
          release?.id,
        );
        const change = changeEvent(service, deployment, readyAt, estimate);
        if (change.kind === 'change' && changeType === 'normal') {
          change.gate = planDemoGateScene(normalChanges++);
          // Deployed without the service owner's financial sign-off: the gate says no.
          if (change.gate === 'deployed-anyway')
            change.approvals = change.approvals.filter((a) => a.kind !== 'sign-off');
        }
        events.push(change);
        const finished = Date.parse(deployment.finishedAt);
        if (outcome !== 'succeeded') {
          const fixStart = finished + rng.integer(30, 240) * 60_000;
          const fix = deploymentOf(
            service,
            'prod',
            `${version}-fix`,
            hex(rng, 40),
            finished + 20 * 60_000,
            fixStart,
            'succeeded',
            'emergency',
            release?.id,
          );
          // A fix out of hours or in the freeze goes through break-glass, as the on-call would.
          // It is taken when the fix is raised, so the pipeline's gate sees it.
          if (inYearEndFreeze(fixStart) || !inProductionWindow(fixStart)) {
            events.push({
              kind: 'break-glass',
              at: iso(finished + 10 * 60_000),
              breakGlass: {
                environment: 'prod',
                service: service.id,
                by: ownerOf(service),
                reason: `Restore ${service.name} after a failed deployment`,
                from: iso(finished + 10 * 60_000),
                until: iso(fixStart + 2 * HOUR),
              },
            });
          }
          events.push(changeEvent(service, fix, finished + 10 * 60_000, rng.integer(300, 2500)));
          if (rng.chance(0.35)) {
            incidentNumber++;
            const begins = finished + rng.integer(5, 60) * 60_000;
            events.push({
              kind: 'incident',
              at: iso(begins),
              incident: withDemoResponse(
                {
                  id: `DEMO-INC-${incidentNumber}`,
                  service: service.id,
                  environment: 'prod',
                  title: `${service.name} errors after ${version}`,
                  severity: rng.pick(['sev1', 'sev2', 'sev3']),
                  startedAt: iso(begins),
                  resolvedAt: iso(Math.max(begins + 10 * 60_000, Date.parse(fix.finishedAt))),
                },
                service,
              ),
            });
          }
        } else if (rng.chance(0.02)) {
          incidentNumber++;
          const begins = finished + rng.integer(1, 20) * HOUR;
          events.push({
            kind: 'incident',
            at: iso(begins),
            incident: withDemoResponse(
              {
                id: `DEMO-INC-${incidentNumber}`,
                service: service.id,
                environment: 'prod',
                title: `${service.name} degraded`,
                severity: 'sev3',
                startedAt: iso(begins),
                resolvedAt: iso(begins + rng.integer(1, 6) * HOUR),
              },
              service,
            ),
          });
        }
      }
    }
    // Year-end: one emergency per critical service during the freeze, through break-glass.
    if (weeks === 51 && service.criticality === 'critical' && rng.chance(0.5)) {
      const start = Date.UTC(2025, 11, 18 + rng.integer(0, 10), rng.integer(0, 23), rng.integer(0, 59));
      events.push({
        kind: 'break-glass',
        at: iso(start - 2 * HOUR),
        breakGlass: {
          environment: 'prod',
          service: service.id,
          by: ownerOf(service),
          reason: `Peak-trading hotfix for ${service.name}`,
          from: iso(start - 2 * HOUR),
          until: iso(start + 2 * HOUR),
        },
      });
      const hotfix = deploymentOf(
        service,
        'prod',
        `${service.id}@2025.hotfix`,
        hex(rng, 40),
        start - 3 * HOUR,
        start,
        'succeeded',
        'emergency',
      );
      events.push(changeEvent(service, hotfix, start - 2 * HOUR, rng.integer(800, 3000)));
    }
  }
  for (const release of releases) {
    if (release.closeAt) events.push({ kind: 'close-release', at: release.closeAt, releaseId: release.id });
  }
  events.sort((a, b) => a.at.localeCompare(b.at) || order(a) - order(b));
  const owners = Object.entries(DEMO_SERVICE_OWNERS).map(([team, person]) => ({
    person,
    services: services.filter((s) => s.ownerTeam === team).map((s) => s.id),
  }));
  return {
    rateCard: DEMO_RATE_CARD,
    policy: demoPolicyDocument(owners),
    freeze: DEMO_YEAR_END_FREEZE,
    releases,
    events,
    timeEntries: planDemoReleaseTime(seed, releases),
  };
}

/** Same instant: break-glass first, then changes and deployments, incidents, and closings last. */
function order(event: DemoEvent): number {
  return { 'break-glass': 0, change: 1, deployment: 2, incident: 3, 'close-release': 4 }[event.kind];
}

/** An incident with how the demo organisation detected it, who responded, and credits paid. */
function withDemoResponse<T extends { id: string; severity: string; startedAt: string; resolvedAt: string }>(
  incident: T,
  service: Service,
): T & DemoIncidentResponse {
  return { ...incident, ...describeDemoResponse(incident, service.criticality) };
}
