import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { monthlyFeeIn, noticeDeadline } from '../../src/core/contracts/contract-fees.js';
import type { Licence, LicenceUsage, VendorContract } from '../../src/core/contracts/contract-model.js';
import {
  LICENCE_LINE_COLUMNS,
  licenceCostLines,
  spreadLicenceCost,
} from '../../src/core/contracts/licence-cost-lines.js';
import { renewalAlertCondition, upcomingRenewals } from '../../src/core/contracts/renewal-notices.js';
import { slaCreditOwed } from '../../src/core/contracts/sla-credit.js';
import { addDays } from '../../src/core/cost-entries/calendar-days.js';
import { Decimal } from '../../src/core/money.js';

const licence = (overrides: Partial<Licence> = {}): Licence => ({
  id: 'L-1',
  product: 'IDE',
  publisher: 'JetBrains',
  metric: 'seats',
  quantity: 10,
  startsOn: '2026-01-15',
  endsOn: '2026-04-14',
  price: '1000',
  currency: 'EUR',
  contractId: 'C-1',
  ownerTeam: 'platform',
  ...overrides,
});

const contract = (overrides: Partial<VendorContract> = {}): VendorContract => ({
  id: 'C-1',
  vendor: 'Equinix',
  ownerTeam: 'platform',
  currency: 'EUR',
  startsOn: '2024-07-01',
  endsOn: '2027-06-30',
  noticeDays: 180,
  autoRenews: true,
  committedSpend: null,
  escalationPercent: '3.5',
  monthlyFee: '18400',
  slas: [
    {
      name: 'availability',
      target: '99.99',
      measurement: 'monthly',
      credits: [
        { below: '99.99', creditPercent: '5' },
        { below: '99.9', creditPercent: '15' },
        { below: '99.5', creditPercent: '30' },
      ],
    },
  ],
  ...overrides,
});

const sum = (amounts: string[]) =>
  amounts.reduce((total, amount) => total.plus(amount), new Decimal(0)).toFixed();

describe('licence cost: spread over the term, split by who holds it, exact', () => {
  it('splits each month by held units, the owner paying the shelfware, and the months add up to the price', () => {
    const usage: LicenceUsage = {
      licenceId: 'L-1',
      assignments: [
        { assignee: 'a', team: 'payments', quantity: 3 },
        { assignee: 'b', team: 'search', quantity: 2 },
      ],
    };
    const shares = spreadLicenceCost(licence(), usage);
    assert.deepEqual(
      [...new Set(shares.map((share) => share.month))],
      ['2026-01', '2026-02', '2026-03', '2026-04'],
    );
    assert.equal(sum(shares.map((share) => share.amount)), '1000');
    // Platform's 500 over 90 days is 5.55 a day, the 50 cents left over on the first 50 days:
    // January's 17 days are 17 x 5.56.
    const january = shares.filter((share) => share.month === '2026-01' && share.team === 'platform');
    assert.equal(sum(january.map((share) => share.amount)), '94.52');
    const byTeam = (team: string) =>
      sum(shares.filter((share) => share.team === team).map((share) => share.amount));
    assert.deepEqual([byTeam('payments'), byTeam('search'), byTeam('platform')], ['300', '200', '500']);
  });

  it('puts everything on the owner without usage, and makes FOCUS lines only up to the month asked', () => {
    const lines = licenceCostLines([{ licence: licence(), usage: undefined }], '2026-02');
    const at = (name: (typeof LICENCE_LINE_COLUMNS)[number]) => LICENCE_LINE_COLUMNS.indexOf(name);
    assert.deepEqual(
      lines.map((line) => [line[at('ChargePeriodStart')], line[at('Tags')], line[at('x_licence_id')]]),
      [
        ['2026-01-01 00:00:00', '{"team":"platform"}', 'L-1'],
        ['2026-02-01 00:00:00', '{"team":"platform"}', 'L-1'],
      ],
    );
    assert.deepEqual(
      lines.map((line) => line[at('BilledCost')]),
      lines.map((line) => line[at('EffectiveCost')]),
    );
  });

  it('property: for random prices, terms and holders, shares sum exactly to the price and each month to its days', () => {
    fc.assert(
      fc.property(
        fc.record({
          cents: fc.bigInt({ min: 1n, max: 10n ** 12n }),
          extraDigits: fc.integer({ min: 0, max: 4 }),
          days: fc.integer({ min: 1, max: 1100 }),
          quantity: fc.integer({ min: 1, max: 500 }),
          holders: fc.array(
            fc.record({
              team: fc.constantFrom('a', 'b', 'c', 'd'),
              quantity: fc.integer({ min: 1, max: 300 }),
            }),
            {
              maxLength: 8,
            },
          ),
          currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
        }),
        ({ cents, extraDigits, days, quantity, holders, currency }) => {
          const price = new Decimal(cents.toString()).div(new Decimal(10).pow(2 + extraDigits)).toFixed();
          const term = licence({
            price,
            quantity,
            currency,
            startsOn: '2026-01-31',
            endsOn: addDays('2026-01-31', days - 1),
          });
          const usage: LicenceUsage = {
            licenceId: 'L-1',
            assignments: holders.map((holder, index) => ({ assignee: `h${index}`, ...holder })),
          };
          const shares = spreadLicenceCost(term, usage);
          assert.equal(sum(shares.map((share) => share.amount)), new Decimal(price).toFixed());
          for (const share of shares) assert.ok(new Decimal(share.amount).gt(0), 'no zero or negative share');
          // Each team's total is its share of the price, within one step of the exact share.
          const weights = new Map<string, number>();
          for (const holder of holders)
            weights.set(holder.team, (weights.get(holder.team) ?? 0) + holder.quantity);
          const held = holders.reduce((total, holder) => total + holder.quantity, 0);
          if (held < quantity) weights.set('platform', (weights.get('platform') ?? 0) + quantity - held);
          const all = Math.max(held, quantity);
          const step = new Decimal(10).pow(
            -Math.max(
              new Decimal(price).decimalPlaces(),
              currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2,
            ),
          );
          for (const [team, weight] of weights) {
            const exact = new Decimal(price).times(weight).div(all);
            const got = sum(shares.filter((share) => share.team === team).map((share) => share.amount));
            assert.ok(exact.minus(got).abs().lte(step), `${team}: ${got} vs ${exact.toFixed()}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('contract fees, SLA credits and renewal notices', () => {
  it('escalates the fee on each anniversary and finds the notice deadline', () => {
    assert.equal(monthlyFeeIn(contract(), '2024-07'), '18400');
    assert.equal(monthlyFeeIn(contract(), '2025-06'), '18400');
    assert.equal(monthlyFeeIn(contract(), '2025-07'), '19044');
    assert.equal(monthlyFeeIn(contract(), '2026-08'), '19710.54');
    assert.equal(monthlyFeeIn(contract(), '2027-07'), null, 'outside the term');
    assert.equal(monthlyFeeIn(contract({ monthlyFee: null }), '2025-01'), null);
    assert.equal(noticeDeadline(contract()), '2027-01-01');
  });

  it('credits the step the level falls below, of the escalated fee', () => {
    const owed = (measured: string) => slaCreditOwed(contract(), 'availability', '2025-08', measured);
    assert.deepEqual([owed('99.95').creditPercent, owed('99.95').creditOwed], ['5', '952.2']);
    assert.deepEqual([owed('99.82').creditPercent, owed('99.82').creditOwed], ['15', '2856.6']);
    assert.deepEqual([owed('90').creditPercent, owed('90').creditOwed], ['30', '5713.2']);
  });

  it('lists notices due within the window and those passed while the term runs, soonest first; alerts page in the last week', () => {
    const contracts = [
      contract({ id: 'far', endsOn: '2027-06-30', noticeDays: 30 }),
      contract({ id: 'soon', endsOn: '2026-03-31', noticeDays: 30, autoRenews: false }),
      contract({ id: 'passed', endsOn: '2026-01-31', noticeDays: 60 }),
      contract({ id: 'ended', endsOn: '2025-12-30', noticeDays: 10 }),
    ];
    const notices = upcomingRenewals(contracts, '2025-12-31', 90);
    assert.deepEqual(
      notices.map((notice) => [notice.contractId, notice.noticeBy, notice.daysToNotice, notice.status]),
      [
        ['passed', '2025-12-02', -29, 'notice-passed'],
        ['soon', '2026-03-01', 60, 'notice-due'],
      ],
    );
    const alert = renewalAlertCondition(notices[1]!);
    assert.deepEqual(
      [alert.key, alert.kind, alert.severity],
      ['contract:soon:notice:2026-03-01', 'renewal', 'ticket'],
    );
    assert.match(alert.title, /give notice by 2026-03-01 \(60 days left\) or it lapses on 2026-04-01/);
    const lastWeek = renewalAlertCondition(upcomingRenewals(contracts, '2026-02-25', 90)[0]!);
    assert.equal(lastWeek.severity, 'page');
  });
});
