import { isKnownCurrency } from '../currency-codes.js';
import { isTollgateError } from '../errors.js';
import { Decimal, isDecimalText } from '../money.js';
import {
  ASSET_FIELDS,
  ASSET_STATUSES,
  type Asset,
  type AssetStatus,
  DEPRECIATION_METHODS,
  type Impairment,
  MONTH_CONVENTIONS,
} from './asset-model.js';
import { isCalendarDate } from './calendar-months.js';
import { buildDepreciationSchedule } from './depreciation-schedule.js';

const ASSET_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const MAX_LIFE_MONTHS = 1200;

/** A field as text: numbers become their text, blanks and nulls become null. */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/**
 * Impairments as a list of {on, amount}, or in a CSV cell as `date:amount` pairs separated by
 * semicolons (2026-06-30:1200;2027-01-31:300).
 */
function readImpairments(value: unknown, problems: string[]): Impairment[] {
  if (value === undefined || value === null || value === '') return [];
  const raw: unknown[] =
    typeof value === 'string'
      ? value.split(';').map((pair) => {
          const [on, amount, ...rest] = pair.split(':').map((part) => part.trim());
          return rest.length > 0 ? { on: pair } : { on, amount };
        })
      : Array.isArray(value)
        ? value
        : [value];
  const impairments: Impairment[] = [];
  for (const item of raw) {
    const record = (item ?? {}) as Record<string, unknown>;
    const on = textOf(record.on);
    const amount = textOf(record.amount);
    if (on === null || !isCalendarDate(on) || amount === null) {
      problems.push(
        `impairments: each needs a date (on, YYYY-MM-DD) and an amount, as date:amount in a CSV cell`,
      );
      continue;
    }
    if (!isDecimalText(amount) || !new Decimal(amount).gt(0)) {
      problems.push(`impairments: the amount '${amount}' on ${on} is not a positive decimal`);
      continue;
    }
    impairments.push({ on, amount: new Decimal(amount).toFixed() });
  }
  return impairments.sort((a, b) => a.on.localeCompare(b.on));
}

/** The status the dates imply when none is given: the latest lifecycle step that has a date. */
function statusFromDates(asset: Pick<Asset, 'inServiceOn' | 'retiredOn' | 'disposedOn'>): AssetStatus {
  if (asset.disposedOn) return 'disposed';
  if (asset.retiredOn) return 'retired';
  if (asset.inServiceOn) return 'in-service';
  return 'ordered';
}

const STATUS_DATE: Record<AssetStatus, 'acquiredOn' | 'inServiceOn' | 'retiredOn' | 'disposedOn'> = {
  ordered: 'acquiredOn',
  'in-service': 'inServiceOn',
  retired: 'retiredOn',
  disposed: 'disposedOn',
};

/**
 * Reads one asset as a user wrote it (a YAML or JSON object, or a CSV row of texts) and checks
 * it whole: every problem is listed (field names as the register's file names them), and an
 * asset is only returned when there are none, with its depreciation schedule known to work out.
 */
export function readAsset(raw: Record<string, unknown>): { asset?: Asset; problems: string[] } {
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((key) => !(ASSET_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0)
    problems.push(`unknown field(s) ${unknown.join(', ')}; the fields are ${ASSET_FIELDS.join(', ')}`);
  const text = (field: (typeof ASSET_FIELDS)[number]) => textOf(raw[field]);
  const required = (field: (typeof ASSET_FIELDS)[number]) => {
    const value = text(field);
    if (value === null) problems.push(`${field} is missing`);
    return value ?? '';
  };
  const date = (field: (typeof ASSET_FIELDS)[number], need: boolean) => {
    const value = need ? required(field) : text(field);
    if (value !== null && value !== '' && !isCalendarDate(value)) {
      problems.push(`${field} '${value}' is not a date (YYYY-MM-DD)`);
      return null;
    }
    return value === '' ? null : value;
  };
  const money = (field: 'acquisitionCost' | 'salvageValue', fallback?: string) => {
    const value = text(field) ?? fallback ?? required(field);
    if (value === '') return '0';
    if (!isDecimalText(value) || new Decimal(value).isNegative()) {
      problems.push(`${field} '${value}' is not a decimal amount of zero or more`);
      return '0';
    }
    return new Decimal(value).toFixed();
  };
  const choice = <T extends string>(
    field: (typeof ASSET_FIELDS)[number],
    options: readonly T[],
    fallback: T,
  ) => {
    const value = text(field) ?? fallback;
    if (!(options as readonly string[]).includes(value)) {
      problems.push(`${field} '${value}' is not one of ${options.join(', ')}`);
      return fallback;
    }
    return value as T;
  };

  const id = required('id');
  if (id !== '' && !ASSET_ID.test(id))
    problems.push(
      `id '${id}' must be letters, digits and . _ : / - (at most 100, starting with a letter or digit)`,
    );
  const assetClass = required('assetClass');
  if (assetClass !== '' && !NAME.test(assetClass))
    problems.push(`assetClass '${assetClass}' must be a lower-case name like server or storage-array`);
  const ownerTeam = required('ownerTeam');
  const currency = required('currency');
  if (currency !== '' && !isKnownCurrency(currency))
    problems.push(`currency '${currency}' is not an ISO 4217 code`);
  const lifeText = required('usefulLifeMonths');
  const usefulLifeMonths = Number(lifeText);
  if (
    lifeText !== '' &&
    (!/^\d+$/.test(lifeText) || usefulLifeMonths < 1 || usefulLifeMonths > MAX_LIFE_MONTHS)
  )
    problems.push(
      `usefulLifeMonths '${lifeText}' must be a whole number of months from 1 to ${MAX_LIFE_MONTHS}`,
    );
  const acquisitionCost = money('acquisitionCost');
  const salvageValue = money('salvageValue', '0');
  if (new Decimal(salvageValue).gt(acquisitionCost))
    problems.push(`salvageValue ${salvageValue} is more than the acquisitionCost ${acquisitionCost}`);

  const dates = {
    acquiredOn: date('acquiredOn', true),
    inServiceOn: date('inServiceOn', false),
    retiredOn: date('retiredOn', false),
    disposedOn: date('disposedOn', false),
  };
  const order = (['acquiredOn', 'inServiceOn', 'retiredOn', 'disposedOn'] as const).filter(
    (field) => dates[field] !== null,
  );
  for (const [index, later] of order.entries())
    for (const earlier of order.slice(0, index))
      if (dates[later]! < dates[earlier]!)
        problems.push(
          `${later} ${dates[later]} is before ${earlier} ${dates[earlier]}; a lifecycle runs ordered, in service, retired, disposed`,
        );
  const statusText = text('status');
  const status = choice('status', ASSET_STATUSES, statusFromDates(dates));
  if (statusText !== null && status === statusText) {
    if (dates[STATUS_DATE[status]] === null) problems.push(`status ${status} needs ${STATUS_DATE[status]}`);
    const implied = statusFromDates(dates);
    if (ASSET_STATUSES.indexOf(implied) > ASSET_STATUSES.indexOf(status))
      problems.push(
        `status ${status} contradicts ${STATUS_DATE[implied]} ${dates[STATUS_DATE[implied]]}; give the status the dates reach or remove the later date`,
      );
  }
  const impairments = readImpairments(raw.impairments, problems);
  for (const impairment of impairments)
    if (dates.inServiceOn === null || impairment.on < dates.inServiceOn)
      problems.push(`impairments: ${impairment.on} is before the asset is in service (inServiceOn)`);
  if (problems.length > 0) return { problems };

  const asset: Asset = {
    id,
    assetClass,
    ownerTeam,
    ownerService: text('ownerService'),
    location: text('location'),
    currency,
    acquiredOn: dates.acquiredOn!,
    acquisitionCost,
    inServiceOn: dates.inServiceOn,
    usefulLifeMonths,
    salvageValue,
    method: choice('method', DEPRECIATION_METHODS, 'straight-line'),
    convention: choice('convention', MONTH_CONVENTIONS, 'full-month'),
    status,
    retiredOn: dates.retiredOn,
    disposedOn: dates.disposedOn,
    impairments,
    hostname: text('hostname'),
    serial: text('serial'),
    resourceId: text('resourceId'),
  };
  if (problems.length > 0) return { problems };
  try {
    buildDepreciationSchedule(asset);
  } catch (error) {
    if (isTollgateError(error)) return { problems: [error.message] };
    throw error;
  }
  return { asset, problems };
}
