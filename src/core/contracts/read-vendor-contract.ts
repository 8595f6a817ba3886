import { Decimal } from '../money.js';
import { CONTRACT_FIELDS, type CreditStep, type SlaTerm, type VendorContract } from './contract-model.js';
import { RECORD_ID, RecordFields, TEAM_NAME } from './record-fields.js';

const MAX_NOTICE_DAYS = 3660;

/** A percentage from 0 to 100, normalised; a problem when it is not one. */
function percent(value: unknown, what: string, problems: string[]): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d+(\.\d+)?$/.test(text) || new Decimal(text).gt(100)) {
    problems.push(`${what} '${String(value ?? '')}' is not a percentage from 0 to 100`);
    return '0';
  }
  return new Decimal(text).toFixed();
}

/**
 * The service levels of a contract: a list of {name, target, measurement, credits: [{below,
 * creditPercent}]}, or in a CSV cell the same list as JSON. Each credit step must sit at or
 * below the target (a level at the target is met), and names are unique.
 */
function readSlas(value: unknown, problems: string[]): SlaTerm[] {
  if (value === undefined || value === null || value === '') return [];
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      problems.push('slas: in a CSV cell, write the list of service levels as JSON');
      return [];
    }
  }
  if (!Array.isArray(list)) {
    problems.push('slas must be a list of {name, target, measurement, credits}');
    return [];
  }
  const slas: SlaTerm[] = [];
  for (const [index, item] of list.entries()) {
    const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const at = `slas[${index + 1}]`;
    const name = typeof record.name === 'string' ? record.name.trim() : '';
    if (name === '') problems.push(`${at}: name is missing`);
    else if (slas.some((sla) => sla.name === name)) problems.push(`${at}: the name '${name}' is given twice`);
    const target = percent(record.target, `${at}: target`, problems);
    const measurement = typeof record.measurement === 'string' ? record.measurement.trim() : '';
    if (measurement === '') problems.push(`${at}: measurement (how the level is measured) is missing`);
    const credits: CreditStep[] = [];
    const steps = Array.isArray(record.credits) ? record.credits : [];
    if (steps.length === 0) problems.push(`${at}: credits must list at least one {below, creditPercent}`);
    for (const step of steps) {
      const fields = (step && typeof step === 'object' ? step : {}) as Record<string, unknown>;
      const below = percent(fields.below, `${at}: credits below`, problems);
      const creditPercent = percent(fields.creditPercent, `${at}: creditPercent`, problems);
      if (new Decimal(below).gt(target))
        problems.push(`${at}: a credit below ${below} is above the target ${target}, which is met there`);
      credits.push({ below, creditPercent });
    }
    slas.push({
      name,
      target,
      measurement,
      credits: credits.sort((a, b) => new Decimal(b.below).cmp(a.below)),
    });
  }
  return slas;
}

/**
 * Reads one vendor contract as a user wrote it and checks it whole: every problem is listed,
 * and the contract is only returned when there are none. Its term must end after it starts,
 * and notice cannot be due before the term starts.
 */
export function readVendorContract(raw: Record<string, unknown>): {
  contract?: VendorContract;
  problems: string[];
} {
  const fields = new RecordFields(raw, CONTRACT_FIELDS);
  const startsOn = fields.date('startsOn');
  const endsOn = fields.date('endsOn');
  fields.inOrder('startsOn', startsOn, 'endsOn', endsOn);
  const contract: VendorContract = {
    id: fields.name('id', RECORD_ID, 'an id (letters, digits and . _ : / -, at most 100)'),
    vendor: fields.required('vendor'),
    ownerTeam: fields.name('ownerTeam', TEAM_NAME, 'a team name'),
    currency: fields.currency('currency'),
    startsOn,
    endsOn,
    noticeDays: fields.integer('noticeDays', 0, MAX_NOTICE_DAYS, 0),
    autoRenews: fields.boolean('autoRenews', false),
    committedSpend: fields.decimal('committedSpend', { optional: true }),
    escalationPercent: fields.decimal('escalationPercent', { fallback: '0' }) ?? '0',
    monthlyFee: fields.decimal('monthlyFee', { optional: true }),
    slas: readSlas(fields.value('slas'), fields.problems),
  };
  if (contract.slas.length > 0 && contract.monthlyFee === null)
    fields.problems.push('monthlyFee is missing; SLA credits are a share of the monthly fee');
  return fields.problems.length > 0 ? { problems: fields.problems } : { contract, problems: [] };
}
