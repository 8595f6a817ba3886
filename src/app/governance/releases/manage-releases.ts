import { z } from 'zod';
import { isTollgateError, TollgateError } from '../../../core/errors.js';
import { findService } from '../../../core/governance/deployments/deployment-record.js';
import { isIsoTimestamp, SPEND_CLASSES } from '../../../core/governance/governance-types.js';
import { CORRECTION_RULES } from '../../../core/governance/releases/correction-factor.js';
import { findHourlyRate } from '../../../core/governance/releases/rate-card.js';
import type { ActualPartName } from '../../../core/governance/releases/release-actuals.js';
import type { ReleaseTagCost } from '../../../core/governance/releases/release-cloud-cost.js';
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
import { requireReportingCurrency } from '../../costs/convert-cost-report.js';
import { loadCatalog, nowOr, parseYamlText, requireRateCard } from '../governance-context.js';
import {
  describeConversion,
  type MeasuredReleaseActuals,
  measureReleaseActuals,
} from './release-actuals-report.js';
import {
  type ReleaseConversion,
  ReleaseCurrencyConverter,
  type ReleaseReportingCurrency,
} from './release-conversion.js';
import { requireRelease } from './require-release.js';

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

export { requireRelease } from './require-release.js';

/** A release's actuals from the bill, part by part: null is a missing part, never shown as 0. */
export interface ReleaseReportActuals {
  labour: string | null;
  cloud: string | null;
  pipeline: string | null;
  deploymentProcess: string | null;
  /** Sum of the known parts; a lower bound when `complete` is false. */
  known: string;
  complete: boolean;
  /** The parts that are missing, by name. */
  missing: ActualPartName[];
  cloudMethod: 'tags' | 'window';
  deploymentCount: number;
  failedDeployments: number;
}

export interface ReleaseReport {
  release: Release;
  estimate: ReleaseEstimate;
  actuals: ReleaseReportActuals;
  variance: ReleaseVariance;
  timeEntries: TimeEntry[];
  closing?: unknown;
  notes: string[];
  /** How the amounts were restated in a reporting currency; null in the release's own. */
  conversion: ReleaseConversion | null;
}

function summariseActuals(measured: MeasuredReleaseActuals): ReleaseReportActuals {
  const part = (name: ActualPartName) => measured.actuals.parts.find((p) => p.part === name)?.amount ?? null;
  return {
    labour: part('labour'),
    cloud: part('cloud'),
    pipeline: part('pipeline'),
    deploymentProcess: part('deploymentProcess'),
    known: measured.actuals.known,
    complete: measured.actuals.complete,
    missing: measured.actuals.parts.filter((p) => p.amount === null).map((p) => p.part),
    cloudMethod: measured.actuals.cloudMethod,
    deploymentCount: measured.deploymentCount,
    failedDeployments: measured.failedDeployments,
  };
}

/**
 * A release with its estimate, its actuals from the bill so far (measureReleaseActuals), and
 * estimate vs actual. Callers that report many releases pass the tagged cloud costs read once.
 * In a reporting currency (`currency`), every amount is converted by RELEASE_CONVERSION_RULE
 * (the estimate and budget at the creation day's rate, each booked hour at its day's) and the
 * answer's `conversion` says so; the release record itself stays as written.
 */
export async function showRelease(
  stores: Stores,
  id: string,
  tagCosts?: readonly ReleaseTagCost[],
  reporting?: ReleaseReportingCurrency,
): Promise<ReleaseReport> {
  if (reporting) requireReportingCurrency(reporting.currency);
  const release = await requireRelease(stores, id);
  const target = reporting?.currency ?? release.currency;
  const card = await requireRateCard(stores);
  const written = estimateRelease(release.estimate, card.card, release.createdAt, release.currency);
  const booked = await stores.governance.releases.listTimeEntries(id);
  const measured = await measureReleaseActuals(stores, release, tagCosts, reporting);
  const actuals = summariseActuals(measured);
  const converter = new ReleaseCurrencyConverter(target, reporting?.rateBasis);
  converter.need(release.currency, release.createdAt);
  for (const entry of booked) converter.need(release.currency, entry.date);
  await converter.load(stores.exchangeRates);
  const created = release.createdAt;
  const estimate = target === release.currency ? written : restateEstimate(written, converter, created);
  const budget =
    release.budget === undefined ? undefined : converter.convert(release.budget, release.currency, created);
  const timeEntries = booked.map((e) =>
    target === release.currency
      ? e
      : {
          ...e,
          hourlyRate: converter.convert(e.hourlyRate, release.currency, e.date),
          amount: converter.convert(e.amount, release.currency, e.date),
        },
  );
  converter.refuseMissing();
  return {
    release,
    estimate,
    actuals,
    variance: computeReleaseVariance(estimate.total, actuals, budget),
    timeEntries,
    closing: await stores.governance.releases.getReleaseClosing(id),
    notes: [
      `Actuals from the allocated bill: cloud by ${actuals.cloudMethod === 'tags' ? `cost lines tagged release=${id} or a deployed version` : "the share of the services' allocated cost over the deployment window"}, plus labour booked, pipeline and deployment process (tollgate release actuals ${id} lists the sources).`,
      ...measured.actuals.warnings,
      ...measured.notes,
    ],
    conversion: describeConversion(release, reporting),
  };
}

/** Every amount of an estimate at the rate of one day (the release's creation day). */
function restateEstimate(
  estimate: ReleaseEstimate,
  converter: ReleaseCurrencyConverter,
  day: string,
): ReleaseEstimate {
  const at = (amount: string) => converter.convert(amount, estimate.currency, day);
  return {
    currency: converter.currency,
    lines: estimate.lines.map((line) => ({ ...line, rate: at(line.rate), amount: at(line.amount) })),
    labour: at(estimate.labour),
    licences: at(estimate.licences),
    environments: at(estimate.environments),
    subtotal: at(estimate.subtotal),
    contingency: at(estimate.contingency),
    total: at(estimate.total),
  };
}

/** What the gate needs of a release: its known spend so far, from the bill. */
export async function releaseSpent(stores: Stores, id: string): Promise<string> {
  const report = await showRelease(stores, id);
  return report.variance.actual;
}

/** Every release with its estimate and spend, in a reporting currency when one is asked (showRelease). */
export async function listReleases(stores: Stores, reporting?: ReleaseReportingCurrency) {
  if (reporting) requireReportingCurrency(reporting.currency);
  const releases = await stores.governance.releases.listReleases();
  const tagCosts = await stores.governance.releaseTagCosts();
  return Promise.all(
    releases.map(async (release) => {
      // A release with a day the rates do not cover stays in its own currency, saying why,
      // rather than refusing every other release's row (as GET /budgets/status does).
      let refused: TollgateError | undefined;
      const report = await showRelease(stores, release.id, tagCosts, reporting).catch((error: unknown) => {
        if (!reporting || !isTollgateError(error) || error.code !== 'RATE_MISSING') throw error;
        refused = error;
        return showRelease(stores, release.id, tagCosts);
      });
      return {
        id: release.id,
        name: release.name,
        status: release.status,
        services: release.services,
        plannedDate: release.plannedDate,
        currency: release.currency,
        budget: report.variance.budget,
        estimate: report.estimate.total,
        actual: report.variance.actual,
        /** The parts of the actuals that are missing: the actual is then a lower bound. */
        missing: report.actuals.missing,
        variance: report.variance.variance,
        varianceUnknown: report.variance.varianceUnknown,
        conversion: report.conversion,
        /** Why the release is in its own currency instead of the one asked (RATE_MISSING), or null. */
        error: refused ? { code: refused.code, message: refused.message } : null,
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
        missing: report.actuals.missing,
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
  const [entry] = await logReleaseTimes(stores, [{ input, actor }]);
  return entry!;
}

/** YYYY-MM-DD naming a day that exists (2026-02-30 does not, though it parses). */
function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isIsoTimestamp(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** Refuses a booking to a closed release, or with bad hours or a bad date. */
function checkTimeBooking(release: Release, input: LogTimeInput): void {
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
  if (!isCalendarDay(input.date)) {
    throw new TollgateError(
      'TIME_BAD_DATE',
      `Date '${input.date}' is not a date; write YYYY-MM-DD.`,
      'usage',
    );
  }
}

/** A checked booking priced at the rate card's rate for its role on its day. */
function priceTimeEntry(
  release: Release,
  input: LogTimeInput,
  card: Awaited<ReturnType<typeof requireRateCard>>['card'],
): TimeEntry {
  const rate = findHourlyRate(card, input.role, input.date);
  if (rate.currency !== release.currency) {
    throw new TollgateError(
      'RELEASE_CURRENCY_MISMATCH',
      `The ${input.role} rate is in ${rate.currency}; release ${release.id} is in ${release.currency}.`,
    );
  }
  return {
    ...input,
    hourlyRate: rate.hourlyRate,
    amount: new Decimal(input.hours).times(rate.hourlyRate).toString(),
  };
}

/**
 * Books several labour entries (each as its own person) in one transaction: the rate card
 * and each release are read once per call, not once per entry, and every entry is checked
 * before any is stored, so a bad one books none. Each entry is its own decision-log entry.
 */
export async function logReleaseTimes(
  stores: Stores,
  bookings: readonly { input: LogTimeInput; actor: string }[],
): Promise<TimeEntry[]> {
  const releases = new Map<string, Release>();
  for (const { input } of bookings) {
    if (!releases.has(input.releaseId))
      releases.set(input.releaseId, await requireRelease(stores, input.releaseId));
  }
  for (const { input } of bookings) checkTimeBooking(releases.get(input.releaseId)!, input);
  const card = bookings.length === 0 ? undefined : (await requireRateCard(stores)).card;
  const entries = bookings.map(({ input }) => priceTimeEntry(releases.get(input.releaseId)!, input, card!));
  return stores.transaction(async () => {
    for (const [index, entry] of entries.entries()) {
      const { input, actor } = bookings[index]!;
      await stores.governance.releases.insertTimeEntry(entry);
      await stores.governance.decisions.appendDecision({
        kind: 'release.log-time',
        subject: `release:${entry.releaseId}`,
        actor,
        decision: 'booked',
        inputs: input,
        result: entry,
      });
    }
    return entries;
  });
}
