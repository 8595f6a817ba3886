import { isKnownCurrency } from '../currency-codes.js';
import { TollgateError } from '../errors.js';
import { allowedValues } from '../focus/focus-schema.js';
import { Decimal, isDecimalText, MONEY_SCALE } from '../money.js';
import { daysInclusive, isCalendarDay } from './calendar-days.js';
import {
  COST_ENTRY_FIELDS,
  COST_ENTRY_KIND_NAMES,
  COST_ENTRY_KINDS,
  type CostEntry,
  type CostEntryKind,
  ENTRY_CHARGE_CATEGORIES,
  NEGATIVE_CHARGE_CATEGORIES,
} from './cost-entry-kinds.js';

/** One row as the file gave it: field name -> value (text, number or, for tags in YAML, a map). */
export interface RawCostRow {
  row: number;
  values: Record<string, unknown>;
}

/** A problem with one field of one row, named as the user wrote it. */
export interface CostRowProblem {
  row: number;
  field: string;
  value: string;
  problem: string;
}

/** Ten years of days: a longer entry is almost certainly a typo in its dates. */
export const MAX_ENTRY_DAYS = 3660;
const MAX_TEXT = 500;
const MAX_SHOWN_PROBLEMS = 20;
/** DECIMAL(38,16) holds 22 digits before the point. */
const MAX_INTEGER_DIGITS = 38 - MONEY_SCALE;

/**
 * Checks every row of a costs file and answers its entries, or refuses the whole file naming
 * each bad row (file, row, field, value, and what to write instead): nothing is loaded.
 */
export function readCostEntries(source: string, rows: readonly RawCostRow[]): CostEntry[] {
  const problems: CostRowProblem[] = [];
  const entries: CostEntry[] = [];
  for (const raw of rows) {
    const entry = readCostRow(raw, problems);
    if (entry) entries.push(entry);
  }
  if (rows.length === 0) {
    throw new TollgateError(
      'COSTS_FILE_EMPTY',
      `${source} has no cost rows; write at least one (see docs/costs-no-bill-carries.md).`,
    );
  }
  if (problems.length > 0) throw costRowsRefused(source, problems);
  return entries;
}

export function costRowsRefused(source: string, problems: readonly CostRowProblem[]): TollgateError {
  const shown = problems
    .slice(0, MAX_SHOWN_PROBLEMS)
    .map((p) => `  ${source}: row ${p.row}, field ${p.field}, value '${p.value}': ${p.problem}`);
  const more =
    problems.length > MAX_SHOWN_PROBLEMS ? `\n  ...and ${problems.length - MAX_SHOWN_PROBLEMS} more` : '';
  return new TollgateError(
    'COSTS_FILE_INVALID',
    `${problems.length} problem(s) in ${source}; nothing was loaded. Fix these rows and add the file again:\n${shown.join('\n')}${more}`,
    'invalid-input',
    { problems: problems.slice(0, 100) },
  );
}

function readCostRow(raw: RawCostRow, problems: CostRowProblem[]): CostEntry | undefined {
  const count = problems.length;
  const report = (field: string, value: unknown, problem: string) =>
    problems.push({ row: raw.row, field, value: showValue(value), problem });
  const known = new Set<string>(COST_ENTRY_FIELDS);
  const extras: Record<string, string> = {};
  for (const [field, value] of Object.entries(raw.values)) {
    if (field.startsWith('x_')) {
      if (!isBlank(value)) extras[field] = String(value);
    } else if (!known.has(field))
      report(field, value, `unknown field; use ${COST_ENTRY_FIELDS.join(', ')} or an x_ field of your own`);
  }
  const text = (field: string, required: boolean): string | null => {
    const value = raw.values[field];
    if (isBlank(value)) {
      if (required) report(field, '', 'required; it is empty');
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      report(field, value, 'write text');
      return null;
    }
    const trimmed = String(value).trim();
    if (trimmed.length > MAX_TEXT) report(field, value, `longer than ${MAX_TEXT} characters`);
    return trimmed;
  };
  const decimal = (field: string): Decimal | null => {
    const value = text(field, false);
    if (value === null) return null;
    if (!isDecimalText(value)) {
      report(field, value, 'not a number; write a plain decimal such as 1250.00');
      return null;
    }
    return new Decimal(value);
  };

  const kindText = text('kind', true);
  const kind =
    kindText !== null && (COST_ENTRY_KIND_NAMES as string[]).includes(kindText)
      ? (kindText as CostEntryKind)
      : null;
  if (kindText !== null && kind === null)
    report('kind', kindText, `write one of ${COST_ENTRY_KIND_NAMES.join(', ')}`);
  const provider = text('provider', true);
  const service = text('service', true);
  const start = text('start', true);
  const endText = text('end', false);
  for (const [field, value] of [
    ['start', start],
    ['end', endText],
  ] as const) {
    if (value !== null && !isCalendarDay(value)) report(field, value, 'not a calendar day; write YYYY-MM-DD');
  }
  const end = endText ?? start;
  if (start !== null && end !== null && isCalendarDay(start) && isCalendarDay(end)) {
    const days = daysInclusive(start, end);
    if (days < 1) report('end', end, `before start ${start}; end is the last day the cost covers`);
    else if (days > MAX_ENTRY_DAYS)
      report('end', end, `the entry spans ${days} days; at most ${MAX_ENTRY_DAYS}`);
  }
  const currency = text('currency', true);
  if (currency !== null && !isKnownCurrency(currency))
    report('currency', currency, 'not an ISO 4217 code such as EUR or USD');

  const amountGiven = decimal('amount');
  const quantity = decimal('quantity');
  const unitPrice = decimal('unit_price');
  let amount = amountGiven;
  if (amountGiven !== null && (quantity !== null || unitPrice !== null)) {
    report('amount', amountGiven.toString(), 'give either amount or quantity and unit_price, not both');
  } else if (amountGiven === null) {
    if (quantity !== null && unitPrice !== null) amount = quantity.times(unitPrice);
    else if (quantity === null && unitPrice === null)
      report('amount', '', 'required: give amount, or quantity and unit_price');
    else
      report(
        quantity === null ? 'quantity' : 'unit_price',
        '',
        'required with the other one; or give amount instead',
      );
  }
  if (amount !== null) {
    if (amount.decimalPlaces() > MONEY_SCALE)
      report(amountGiven ? 'amount' : 'unit_price', amount.toString(), `more than ${MONEY_SCALE} decimals`);
    if (amount.abs().truncated().toFixed().length > MAX_INTEGER_DIGITS)
      report(
        amountGiven ? 'amount' : 'unit_price',
        amount.toString(),
        `more than ${MAX_INTEGER_DIGITS} digits before the point`,
      );
  }

  const defaults = kind ? COST_ENTRY_KINDS[kind] : null;
  const chargeCategory = text('charge_category', false) ?? defaults?.chargeCategory ?? null;
  if (chargeCategory !== null && !(ENTRY_CHARGE_CATEGORIES as readonly string[]).includes(chargeCategory))
    report('charge_category', chargeCategory, `write one of ${ENTRY_CHARGE_CATEGORIES.join(', ')}`);
  if (amount?.isNegative() && chargeCategory !== null && !NEGATIVE_CHARGE_CATEGORIES.includes(chargeCategory))
    report(
      amountGiven ? 'amount' : 'quantity',
      amount.toString(),
      'negative; a refund or discount is charge_category Credit or Adjustment',
    );
  const serviceCategories = allowedValues('1.2', 'ServiceCategory') ?? [];
  const serviceCategory = text('service_category', false) ?? defaults?.serviceCategory ?? null;
  if (serviceCategory !== null && !serviceCategories.includes(serviceCategory))
    report(
      'service_category',
      serviceCategory,
      `write a FOCUS service category: ${serviceCategories.join(', ')}`,
    );
  const tags = readTags(raw.values.tags, (problem) => report('tags', raw.values.tags, problem));
  const description = text('description', false);
  const unit = text('unit', false);
  const role = text('role', false);
  const invoiceId = text('invoice_id', false);
  const resource = text('resource', false);

  if (problems.length > count || !kind || !provider || !service || !start || !end || !currency || !amount)
    return undefined;
  return {
    row: raw.row,
    kind,
    provider,
    service,
    description,
    start,
    end,
    currency,
    amount: amount.toFixed(),
    quantity: amountGiven === null ? (quantity?.toFixed() ?? null) : null,
    unitPrice: amountGiven === null ? (unitPrice?.toFixed() ?? null) : null,
    unit: unit ?? COST_ENTRY_KINDS[kind].unit,
    chargeCategory: chargeCategory ?? COST_ENTRY_KINDS[kind].chargeCategory,
    serviceCategory: serviceCategory ?? COST_ENTRY_KINDS[kind].serviceCategory,
    role,
    invoiceId,
    resource,
    tags,
    extras,
  };
}

/** Tags: a map (YAML) or `key=value; key=value` text (CSV). */
function readTags(value: unknown, report: (problem: string) => void): Record<string, string> {
  if (isBlank(value)) return {};
  const tags: Record<string, string> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, tag] of Object.entries(value)) {
      if (typeof tag !== 'string' && typeof tag !== 'number') report(`tag ${key} is not text`);
      else tags[key] = String(tag);
    }
    return tags;
  }
  if (typeof value !== 'string') {
    report('write key=value pairs separated by ;');
    return tags;
  }
  for (const pair of value.split(';')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim();
    if (key === '') report(`'${pair.trim()}' is not key=value; write key=value pairs separated by ;`);
    else tags[key] = pair.slice(at + 1).trim();
  }
  return tags;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function showValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}
