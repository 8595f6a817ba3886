import { z } from 'zod';
import { TollgateError } from '../../../core/errors.js';
import { findService } from '../../../core/governance/deployments/deployment-record.js';
import { isIsoTimestamp, SPEND_CLASSES } from '../../../core/governance/governance-types.js';
import { CORRECTION_RULES } from '../../../core/governance/releases/correction-factor.js';
import { findHourlyRate } from '../../../core/governance/releases/rate-card.js';
import {
  type ReleaseTagCost,
  sumReleaseCloudCost,
} from '../../../core/governance/releases/release-cloud-cost.js';
import { estimateRelease, type ReleaseEstimate } from '../../../core/governance/releases/release-estimate.js';
import type { Release, TimeEntry } from '../../../core/governance/releases/release-model.js';
import {
  type CorrectionFactor,
  computeCorrectionFactors,
  computeReleaseVariance,
  type ReleaseVariance,
} from '../../../core/governance/releases/release-variance.js';
import { Decimal, isDecimalText } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, nowOr, parseYamlText, requireRateCard } from '../governance-context.js';

const amount = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine(
    (value) => isDecimalText(value) && !new Decimal(value).isNegative(),
    'must be a non-negative decimal number',
  );
/** A release document (the YAML of tollgate release create --file; the body of POST /api/v1/releases). */
export const releaseSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore'),
    name: z.string().min(1),
    services: z.array(z.string()).min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    budget: amount.optional(),
    plannedDate: z
      .union([z.string(), z.date()])
      .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
      .refine(
        (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoTimestamp(value),
        'must be a date YYYY-MM-DD',
      ),
    costOfDelayPerWeek: amount.default('0'),
    spendClass: z.enum(SPEND_CLASSES),
    spendReason: z.string().min(1, 'say why the release is CAPEX or OPEX'),
    estimate: z
      .object({
        labour: z.array(z.object({ role: z.string(), hours: amount })).default([]),
        licences: z.array(z.object({ name: z.string(), amount })).default([]),
        environments: z
          .array(z.object({ stage: z.string(), environmentClass: z.string(), hours: amount }))
          .default([]),
        environmentRates: z.record(z.string(), amount).default({}),
        contingency: z
          .union([z.object({ percent: amount }).strict(), z.object({ amount }).strict()])
          .optional(),
      })
      .strict()
      .default({ labour: [], licences: [], environments: [], environmentRates: {} }),
  })
  .strict();

export type ReleaseDocument = z.input<typeof releaseSchema>;

/** Reads a release from YAML (or from the fields the CLI gathered into the same shape). */
export function parseReleaseDocument(
  document: unknown,
  where: string,
): Omit<Release, 'status' | 'createdAt'> {
  const parsed = releaseSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(
      'RELEASE_INVALID',
      `${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}. Nothing was created.`,
      'usage',
    );
  }
  return parsed.data;
}

export async function createRelease(
  stores: Stores,
  document: unknown,
  where: string,
  actor: string,
  at?: string,
) {
  const input = parseReleaseDocument(document, where);
  const catalog = await loadCatalog(stores);
  for (const service of input.services) findService(catalog, service);
  const card = await requireRateCard(stores);
  const release: Release = { ...input, status: 'open', createdAt: nowOr(at) };
  // The estimate must price before the release is stored: every role and environment class known.
  const estimate = estimateRelease(release.estimate, card.card, release.createdAt, release.currency);
  return stores.transaction(async () => {
    if (await stores.governance.releases.getRelease(release.id)) {
      throw new TollgateError(
        'RELEASE_EXISTS',
        `Release ${release.id} already exists; choose another id, or look at the one stored.`,
        'conflict',
      );
    }
    await stores.governance.releases.insertRelease(release);
    await stores.governance.decisions.appendDecision({
      kind: 'release.create',
      subject: `release:${release.id}`,
      actor,
      decision: 'created',
      inputs: release,
      result: { estimate: estimate.total },
    });
    return { release, estimate };
  });
}

export async function createReleaseFromYaml(
  stores: Stores,
  text: string,
  path: string,
  actor: string,
  at?: string,
) {
  return createRelease(stores, parseYamlText(text, path), path, actor, at);
}

export async function requireRelease(stores: Stores, id: string): Promise<Release> {
  const release = await stores.governance.releases.getRelease(id);
  if (!release) {
    throw new TollgateError(
      'RELEASE_NOT_FOUND',
      `There is no release '${id}'; the releases list shows their ids.`,
      'not-found',
    );
  }
  return release;
}

export interface ReleaseReport {
  release: Release;
  estimate: ReleaseEstimate;
  actuals: {
    labour: string;
    deployments: string;
    cloud: string;
    deploymentCount: number;
    failedDeployments: number;
  };
  variance: ReleaseVariance;
  timeEntries: TimeEntry[];
  closing?: unknown;
  notes: string[];
}

/**
 * A release with its estimate, the actuals booked so far, and estimate vs actual. Callers that
 * report many releases pass the tagged cloud costs read once (one scan of the cost lines).
 */
export async function showRelease(
  stores: Stores,
  id: string,
  tagCosts?: readonly ReleaseTagCost[],
): Promise<ReleaseReport> {
  const release = await requireRelease(stores, id);
  const card = await requireRateCard(stores);
  const estimate = estimateRelease(release.estimate, card.card, release.createdAt, release.currency);
  const timeEntries = await stores.governance.releases.listTimeEntries(id);
  const deployments = await stores.governance.deployments.listDeployments({ releaseId: id });
  const labour = timeEntries.reduce((sum, entry) => sum.plus(entry.amount), new Decimal(0));
  const deploymentCost = deployments.reduce((sum, d) => sum.plus(d.cost.total), new Decimal(0));
  const versions = [...new Set(deployments.map((d) => d.version))];
  const actuals = {
    labour: labour.toString(),
    deployments: deploymentCost.toString(),
    cloud: sumReleaseCloudCost(
      tagCosts ?? (await stores.governance.releaseTagCosts()),
      id,
      versions,
      release.currency,
    ),
    deploymentCount: deployments.length,
    failedDeployments: deployments.filter((d) => d.outcome !== 'succeeded').length,
  };
  return {
    release,
    estimate,
    actuals,
    variance: computeReleaseVariance(estimate.total, actuals, release.budget),
    timeEntries,
    closing: await stores.governance.releases.getReleaseClosing(id),
    notes: [
      `Cloud cost: EffectiveCost of billing lines in ${release.currency} tagged release=${id} or version=<a version deployed in this release>.`,
    ],
  };
}

/** What the gate needs of a release: budget and spend so far. */
export async function releaseSpent(stores: Stores, id: string): Promise<string> {
  const report = await showRelease(stores, id);
  return report.variance.actual;
}

export async function listReleases(stores: Stores) {
  const releases = await stores.governance.releases.listReleases();
  const tagCosts = await stores.governance.releaseTagCosts();
  return Promise.all(
    releases.map(async (release) => {
      const report = await showRelease(stores, release.id, tagCosts);
      return {
        id: release.id,
        name: release.name,
        status: release.status,
        services: release.services,
        plannedDate: release.plannedDate,
        currency: release.currency,
        budget: release.budget ?? null,
        estimate: report.estimate.total,
        actual: report.variance.actual,
        variance: report.variance.variance,
      };
    }),
  );
}

/** The estimate of a release, with the correction factor of its services' closed releases applied. */
export async function estimateWithCorrection(stores: Stores, id: string) {
  const report = await showRelease(stores, id);
  const factors = await correctionFactors(stores);
  const mine = factors.filter((factor) => report.release.services.includes(factor.service));
  // Only services with enough complete history correct the estimate; the others would pull
  // the mean toward 1 for no reason.
  const applied = mine.filter((factor) => factor.applied);
  const weighted =
    applied.length === 0
      ? new Decimal(1)
      : applied.reduce((sum, f) => sum.plus(f.factor), new Decimal(0)).dividedBy(applied.length);
  return {
    release: report.release.id,
    currency: report.release.currency,
    estimate: report.estimate,
    correctionFactors: mine,
    correctionFactor: weighted.toString(),
    correctionBasis:
      applied.length === 0
        ? `No correction: no service of the release has ${CORRECTION_RULES.minimumReleases} closed releases with complete actuals (${mine.map((f) => `${f.service}: ${f.basis}`).join('; ') || 'no closed releases'}).`
        : `Mean of ${applied.map((f) => `${f.service} ${f.factor} (${f.basis})`).join('; ')}; factors bounded to ${CORRECTION_RULES.lowerBound}..${CORRECTION_RULES.upperBound}.`,
    correctedTotal: new Decimal(report.estimate.total).times(weighted).toDecimalPlaces(2).toString(),
  };
}

export async function correctionFactors(stores: Stores): Promise<CorrectionFactor[]> {
  const closed = (await stores.governance.releases.listReleases()).filter(
    (release) => release.status === 'closed',
  );
  const outcomes = [];
  const tagCosts = closed.length > 0 ? await stores.governance.releaseTagCosts() : [];
  for (const release of closed) {
    const report = await showRelease(stores, release.id, tagCosts);
    for (const service of release.services) {
      outcomes.push({
        releaseId: release.id,
        labour: report.actuals.labour,
        service,
        estimate: report.variance.estimate,
        actual: report.variance.actual,
        deployments: report.actuals.deploymentCount,
        failedDeployments: report.actuals.failedDeployments,
      });
    }
  }
  return computeCorrectionFactors(outcomes);
}

export async function closeRelease(stores: Stores, id: string, actor: string, at?: string) {
  const report = await showRelease(stores, id);
  if (report.release.status === 'closed') {
    throw new TollgateError(
      'RELEASE_CLOSED',
      `Release ${id} is already closed (${report.release.closedAt}).`,
      'conflict',
    );
  }
  const closedAt = nowOr(at);
  const closing = {
    closedAt,
    estimate: report.estimate.total,
    actuals: report.actuals,
    variance: report.variance,
  };
  return stores.transaction(async () => {
    await stores.governance.releases.closeRelease(id, closedAt, closing);
    await stores.governance.decisions.appendDecision({
      kind: 'release.close',
      subject: `release:${id}`,
      actor,
      decision: 'closed',
      inputs: report,
      result: closing,
    });
    return closing;
  });
}

export interface LogTimeInput {
  releaseId: string;
  person: string;
  role: string;
  hours: string;
  date: string;
  note?: string | undefined;
}

/** Books labour against an open release at the rate card's rate for the role on that day. */
export async function logReleaseTime(stores: Stores, input: LogTimeInput, actor: string) {
  const release = await requireRelease(stores, input.releaseId);
  if (release.status === 'closed') {
    throw new TollgateError(
      'RELEASE_CLOSED',
      `Release ${release.id} is closed; it takes no more time. Book it to an open release.`,
      'conflict',
    );
  }
  if (!isDecimalText(input.hours) || !new Decimal(input.hours).greaterThan(0)) {
    throw new TollgateError(
      'TIME_BAD_HOURS',
      `Hours '${input.hours}' must be a positive number such as 7.5.`,
      'usage',
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || !isIsoTimestamp(input.date)) {
    throw new TollgateError(
      'TIME_BAD_DATE',
      `Date '${input.date}' is not a date; write YYYY-MM-DD.`,
      'usage',
    );
  }
  const card = await requireRateCard(stores);
  const rate = findHourlyRate(card.card, input.role, input.date);
  if (rate.currency !== release.currency) {
    throw new TollgateError(
      'RELEASE_CURRENCY_MISMATCH',
      `The ${input.role} rate is in ${rate.currency}; release ${release.id} is in ${release.currency}.`,
    );
  }
  const entry: TimeEntry = {
    ...input,
    hourlyRate: rate.hourlyRate,
    amount: new Decimal(input.hours).times(rate.hourlyRate).toString(),
  };
  return stores.transaction(async () => {
    await stores.governance.releases.insertTimeEntry(entry);
    await stores.governance.decisions.appendDecision({
      kind: 'release.log-time',
      subject: `release:${release.id}`,
      actor,
      decision: 'booked',
      inputs: input,
      result: entry,
    });
    return entry;
  });
}
