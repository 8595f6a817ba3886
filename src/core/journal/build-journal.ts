import { minorUnitDigits } from '../cost-entries/spread-over-days.js';
import { TollgateError } from '../errors.js';
import { Decimal } from '../money.js';
import type { JournalMap } from './journal-map.js';

/** Allocated billed cost of a run, summed by what the ledger accounts depend on. */
export interface JournalAmount {
  currency: string;
  costCentre: string | null;
  providerName: string | null;
  serviceCategory: string | null;
  billedCost: string;
}

export interface JournalLine {
  entry: number;
  line: number;
  currency: string;
  account: string;
  /** The ledger's cost centre code on debit lines; null on the clearing line. */
  costCentre: string | null;
  /** Amounts at the currency's minor unit; one of the two is '0' (negative cost posts as a credit). */
  debit: string;
  credit: string;
  description: string;
}

export interface JournalCurrencyTotal {
  currency: string;
  /** Exact allocated billed cost of the run in this currency. */
  allocatedTotal: string;
  /** The same, rounded half-even to the minor unit: what the journal's debit lines sum to. */
  journalTotal: string;
  /** allocatedTotal - journalTotal (below half a minor unit). */
  rounding: string;
  debits: string;
  credits: string;
}

export interface Journal {
  lines: JournalLine[];
  totals: JournalCurrencyTotal[];
}

const UNALLOCATED_CENTRE = 'unallocated';

/**
 * Turns a run's allocated amounts into balanced journal entries (debit the consuming cost
 * centre, credit the clearing account).
 * Method (largest remainder at the minor unit, per currency):
 * 1. Map each amount: its cost centre to the ledger code (cost no rule claims is `unallocated`;
 *    an unmapped one is refused, naming every such cost centre), its service category to a
 *    debit account (else the expense account), its provider to a clearing account (else the
 *    central one). Sum the exact amounts per (currency, clearing, debit account, cost centre).
 * 2. Per currency, round the exact total half-even to the minor unit: the journal total.
 * 3. Floor every debit line to the minor unit and give one more unit to as many lines as the
 *    journal total still lacks, largest fractional remainder first (ties by the line's order),
 *    so the lines sum to the journal total exactly and each is within one unit of its exact value.
 * 4. One entry per (currency, clearing account): its debit lines and one clearing line of
 *    their sum on the other side, so every entry balances to the unit.
 * Lines are ordered by currency, clearing account, debit account and cost centre, so the
 * same run and map give the same journal byte for byte.
 */
export function buildJournal(amounts: readonly JournalAmount[], map: JournalMap): Journal {
  const unmapped = [
    ...new Set(
      amounts
        .map((amount) => amount.costCentre ?? UNALLOCATED_CENTRE)
        .filter((centre) => map.costCentres[centre] === undefined),
    ),
  ].sort();
  if (unmapped.length > 0) {
    throw new TollgateError(
      'JOURNAL_UNMAPPED_COST_CENTRE',
      `The journal map gives no ledger code for the cost centre(s) ${unmapped.join(', ')}; add them under cost_centres in the journal map and apply it again.`,
      'conflict',
      { costCentres: unmapped },
    );
  }
  const grouped = new Map<
    string,
    { currency: string; clearing: string; account: string; centre: string; exact: Decimal }
  >();
  for (const amount of amounts) {
    const clearing =
      (amount.providerName === null ? undefined : map.providerClearingAccounts[amount.providerName]) ??
      map.clearingAccount;
    const account =
      (amount.serviceCategory === null ? undefined : map.serviceCategoryAccounts[amount.serviceCategory]) ??
      map.expenseAccount;
    const centre = map.costCentres[amount.costCentre ?? UNALLOCATED_CENTRE]!;
    const key = JSON.stringify([amount.currency, clearing, account, centre]);
    const group = grouped.get(key) ?? {
      currency: amount.currency,
      clearing,
      account,
      centre,
      exact: new Decimal(0),
    };
    group.exact = group.exact.plus(amount.billedCost);
    grouped.set(key, group);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const groups = [...grouped.values()].sort(
    (a, b) =>
      order(a.currency, b.currency) ||
      order(a.clearing, b.clearing) ||
      order(a.account, b.account) ||
      order(a.centre, b.centre),
  );
  const lines: JournalLine[] = [];
  const totals: JournalCurrencyTotal[] = [];
  let entry = 0;
  for (const currency of [...new Set(groups.map((group) => group.currency))]) {
    const digits = minorUnitDigits(currency);
    const unit = new Decimal(10).pow(-digits);
    const inCurrency = groups.filter((group) => group.currency === currency);
    const exactTotal = inCurrency.reduce((sum, group) => sum.plus(group.exact), new Decimal(0));
    const journalTotal = exactTotal.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN);
    const floors = inCurrency.map((group) => group.exact.toDecimalPlaces(digits, Decimal.ROUND_FLOOR));
    let missing = journalTotal
      .minus(floors.reduce((sum, value) => sum.plus(value), new Decimal(0)))
      .dividedBy(unit)
      .toNumber();
    const byRemainder = inCurrency
      .map((group, index) => ({ index, remainder: group.exact.minus(floors[index]!) }))
      .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
    const rounded = [...floors];
    for (const { index } of byRemainder) {
      if (missing <= 0) break;
      rounded[index] = rounded[index]!.plus(unit);
      missing -= 1;
    }
    let debits = new Decimal(0);
    let credits = new Decimal(0);
    for (const clearing of [...new Set(inCurrency.map((group) => group.clearing))]) {
      entry += 1;
      let lineNo = 0;
      let entrySum = new Decimal(0);
      inCurrency.forEach((group, index) => {
        if (group.clearing !== clearing) return;
        const value = rounded[index]!;
        entrySum = entrySum.plus(value);
        lineNo += 1;
        lines.push({
          entry,
          line: lineNo,
          currency,
          account: group.account,
          costCentre: group.centre,
          debit: value.isNegative() ? (0).toFixed(digits) : value.toFixed(digits),
          credit: value.isNegative() ? value.negated().toFixed(digits) : (0).toFixed(digits),
          description: `Allocated IT cost, cost centre ${group.centre}`,
        });
      });
      lineNo += 1;
      lines.push({
        entry,
        line: lineNo,
        currency,
        account: clearing,
        costCentre: null,
        debit: entrySum.isNegative() ? entrySum.negated().toFixed(digits) : (0).toFixed(digits),
        credit: entrySum.isNegative() ? (0).toFixed(digits) : entrySum.toFixed(digits),
        description: `IT cost recharged from clearing account ${clearing}`,
      });
    }
    for (const line of lines.filter((candidate) => candidate.currency === currency)) {
      debits = debits.plus(line.debit);
      credits = credits.plus(line.credit);
    }
    totals.push({
      currency,
      allocatedTotal: exactTotal.toFixed(),
      journalTotal: journalTotal.toFixed(digits),
      rounding: exactTotal.minus(journalTotal).toFixed(),
      debits: debits.toFixed(digits),
      credits: credits.toFixed(digits),
    });
  }
  return { lines, totals };
}
