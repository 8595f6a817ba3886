import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import {
  findHourlyRate,
  type RateCardEntry,
  validateRateCard,
} from '../../src/core/governance/releases/rate-card.js';
import { estimateRelease } from '../../src/core/governance/releases/release-estimate.js';
import {
  computeCorrectionFactors,
  computeReleaseVariance,
} from '../../src/core/governance/releases/release-variance.js';
import { RATE_CARD } from './governance-fixtures.js';

const entry = (role: string, from: string, to?: string, rate = '100'): RateCardEntry => ({
  role,
  hourlyRate: rate,
  currency: 'EUR',
  effectiveFrom: from,
  effectiveTo: to,
});
const isCode = (code: string) => (error: unknown) => error instanceof TollgateError && error.code === code;

describe('validateRateCard', () => {
  const rows: { name: string; entries: RateCardEntry[]; code: string | null }[] = [
    {
      name: 'consecutive spans',
      entries: [entry('dev', '2026-01-01', '2026-06-30'), entry('dev', '2026-07-01')],
      code: null,
    },
    {
      name: 'different roles may share dates',
      entries: [entry('dev', '2026-01-01'), entry('ops', '2026-01-01')],
      code: null,
    },
    {
      name: 'overlapping by one day',
      entries: [entry('dev', '2026-01-01', '2026-07-01'), entry('dev', '2026-07-01')],
      code: 'RATECARD_OVERLAP',
    },
    {
      name: 'open-ended then later',
      entries: [entry('dev', '2026-01-01'), entry('dev', '2026-07-01')],
      code: 'RATECARD_OVERLAP',
    },
    {
      name: 'same start twice',
      entries: [entry('dev', '2026-01-01', '2026-02-01'), entry('dev', '2026-01-01', '2026-03-01')],
      code: 'RATECARD_OVERLAP',
    },
    {
      name: 'end before start',
      entries: [entry('dev', '2026-05-01', '2026-04-01')],
      code: 'RATECARD_BAD_ENTRY',
    },
    {
      name: 'negative rate',
      entries: [entry('dev', '2026-01-01', undefined, '-5')],
      code: 'RATECARD_BAD_ENTRY',
    },
    {
      name: 'rate that is not a number',
      entries: [entry('dev', '2026-01-01', undefined, 'lots')],
      code: 'RATECARD_BAD_ENTRY',
    },
    { name: 'bad date', entries: [entry('dev', '2026-13-45')], code: 'RATECARD_BAD_ENTRY' },
    {
      name: 'bad currency',
      entries: [{ ...entry('dev', '2026-01-01'), currency: 'euro' }],
      code: 'RATECARD_BAD_ENTRY',
    },
    { name: 'empty card', entries: [], code: 'RATECARD_EMPTY' },
  ];
  for (const row of rows) {
    it(`${row.name} -> ${row.code ?? 'valid'}`, () => {
      if (row.code === null) assert.doesNotThrow(() => validateRateCard({ entries: row.entries }));
      else assert.throws(() => validateRateCard({ entries: row.entries }), isCode(row.code));
    });
  }

  it('finds the rate effective on a day', () => {
    const card = {
      entries: [entry('dev', '2026-01-01', '2026-06-30', '90'), entry('dev', '2026-07-01', undefined, '95')],
    };
    assert.equal(findHourlyRate(card, 'dev', '2026-06-30').hourlyRate, '90');
    assert.equal(findHourlyRate(card, 'dev', '2026-07-01T10:00:00Z').hourlyRate, '95');
    assert.throws(() => findHourlyRate(card, 'dev', '2025-12-31'), isCode('RATECARD_NO_RATE'));
  });
});

describe('estimateRelease', () => {
  const input = {
    labour: [
      { role: 'engineer', hours: '40' },
      { role: 'tech-writer', hours: '2.5' },
    ],
    licences: [{ name: 'load-test tool', amount: '150.10' }],
    environments: [
      { stage: 'test', environmentClass: 'non-production', hours: '20' },
      { stage: 'production', environmentClass: 'production', hours: '3' },
    ],
    environmentRates: { 'non-production': '1.5', production: '12' },
    contingency: { percent: '10' },
  };

  it('labour x rate card + licences + environment hours x class rate + contingency', () => {
    const estimate = estimateRelease(input, RATE_CARD, '2026-03-01', 'EUR');
    // 40 x 100 + 2.5 x 80 = 4200; licences 150.10; 20 x 1.5 + 3 x 12 = 66; subtotal 4416.10; 10% = 441.61
    assert.equal(estimate.labour, '4200');
    assert.equal(estimate.licences, '150.1');
    assert.equal(estimate.environments, '66');
    assert.equal(estimate.subtotal, '4416.1');
    assert.equal(estimate.contingency, '441.61');
    assert.equal(estimate.total, '4857.71');
    assert.equal(estimate.lines.length, 5);
  });

  it('a fixed contingency amount', () => {
    assert.equal(
      estimateRelease({ ...input, contingency: { amount: '500' } }, RATE_CARD, '2026-03-01', 'EUR').total,
      '4916.1',
    );
  });

  it('refuses a role without a rate, an unknown environment class, bad hours, another currency', () => {
    assert.throws(
      () =>
        estimateRelease(
          { ...input, labour: [{ role: 'pilot', hours: '1' }] },
          RATE_CARD,
          '2026-03-01',
          'EUR',
        ),
      isCode('RATECARD_NO_RATE'),
    );
    assert.throws(
      () => estimateRelease({ ...input, environmentRates: {} }, RATE_CARD, '2026-03-01', 'EUR'),
      isCode('RELEASE_NO_ENVIRONMENT_RATE'),
    );
    assert.throws(
      () =>
        estimateRelease(
          { ...input, labour: [{ role: 'engineer', hours: '-1' }] },
          RATE_CARD,
          '2026-03-01',
          'EUR',
        ),
      isCode('RELEASE_BAD_ESTIMATE'),
    );
    assert.throws(
      () => estimateRelease(input, RATE_CARD, '2026-03-01', 'USD'),
      isCode('RELEASE_CURRENCY_MISMATCH'),
    );
  });
});

describe('release variance and correction factors', () => {
  it('variance = actual - estimate, with percentage and budget remaining', () => {
    const variance = computeReleaseVariance(
      '1000',
      { known: '1100', complete: false, missing: ['labour'] },
      '1200',
    );
    assert.deepEqual(variance, {
      estimate: '1000',
      actual: '1100',
      actualComplete: false,
      variance: '100',
      variancePercent: '10',
      varianceUnknown: null,
      budget: '1200',
      budgetRemaining: '100',
    });
  });

  it('a release with no cloud cost from the bill has an unknown variance, never -100%', () => {
    const open = computeReleaseVariance(
      '5295.75',
      { known: '0', complete: false, missing: ['cloud', 'labour'] },
      '6000',
    );
    assert.equal(open.variance, null);
    assert.equal(open.variancePercent, null);
    assert.match(open.varianceUnknown!, /missing its cloud cost.*cloud, labour/);
    assert.equal(open.budgetRemaining, '6000');
    const nothingKnown = computeReleaseVariance('100', {
      known: '0',
      complete: false,
      missing: ['pipeline'],
    });
    assert.match(nothingKnown.varianceUnknown!, /no part of the actual is known/);
    assert.equal(nothingKnown.variance, null);
  });

  it('correction factor: sum actual / sum estimate over complete releases, a minimum count, bounded, with its basis', () => {
    const outcome = (
      releaseId: string,
      service: string,
      estimate: string,
      actual: string,
      labour: string,
      deployments = 0,
      failedDeployments = 0,
    ) => ({
      releaseId,
      service,
      estimate,
      actual,
      missing: labour === '0' ? ['labour'] : labour === '-' ? ['labour', 'cloud'] : [],
      deployments,
      failedDeployments,
    });
    const factors = computeCorrectionFactors([
      outcome('R1', 'payments', '1000', '1300', '500', 10, 2),
      outcome('R2', 'payments', '3000', '3300', '800', 10, 1),
      outcome('R3', 'payments', '1000', '1000', '200'),
      outcome('R4', 'payments', '2000', '100', '0'), // no labour booked: its actual is not the whole cost
      outcome('D0', 'docs-site', '100', '20', '-'), // neither labour nor cloud known
      outcome('D1', 'docs-site', '100', '150', '50'),
      outcome('D2', 'docs-site', '100', '150', '50'),
      outcome('S1', 'search', '100', '500', '400'),
      outcome('S2', 'search', '100', '500', '400'),
      outcome('S3', 'search', '100', '500', '400'),
      outcome('S4', 'search', '0', '10', '10'),
    ]);
    assert.deepEqual(
      factors.map((f) => [f.service, f.releases, f.measured, f.factor, f.applied, f.failureRate]),
      [
        ['docs-site', 2, '1.5', '1', false, 0], // two releases: below the minimum of three
        ['payments', 3, '1.12', '1.12', true, 0.15], // 5600 / 5000
        ['search', 3, '5', '2', true, 0], // bounded to 2
      ],
    );
    assert.deepEqual(factors[1]!.ignoredReleases, [{ releaseId: 'R4', reason: 'no labour booked' }]);
    assert.equal(
      factors[1]!.basis,
      '3 closed releases with complete actuals, actual/estimate 1.12; 1 left out (1 no labour booked)',
    );
    assert.deepEqual(factors[0]!.ignoredReleases, [
      { releaseId: 'D0', reason: 'no labour booked, no cloud actuals' },
    ]);
    assert.equal(
      factors[0]!.basis,
      '2 of the 3 closed releases with complete actuals needed, so 1; 1 left out (1 no labour booked, no cloud actuals)',
    );
    assert.equal(
      factors[2]!.basis,
      '3 closed releases with complete actuals, actual/estimate 5, bounded to 2; 1 left out (1 no estimate)',
    );
  });
});
