import { BREACH_FIELDS, type SlaBreach } from '../../core/contracts/contract-model.js';
import { RecordFields } from '../../core/contracts/record-fields.js';
import { slaCreditOwed } from '../../core/contracts/sla-credit.js';
import { TollgateError } from '../../core/errors.js';
import { Decimal } from '../../core/money.js';
import type { RecordVersion } from '../../ports/contract-store.js';
import type { Stores } from '../../ports/stores.js';
import type { RecordChange } from '../audit/record-audit.js';
import { requireContract } from './manage-vendor-contracts.js';
import { invalidRecords } from './save-register-records.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Records that a contract's service level was missed in a month: the level is checked against
 * the SLA's target, the credit owed computed from its schedule (slaCreditOwed), the incident
 * (when named) must exist. One breach per contract, SLA and month (its id); audited as
 * `contracts.sla-breach.create`.
 */
export async function recordSlaBreach(
  stores: Stores,
  raw: Record<string, unknown>,
  actor: string,
  recordChange: RecordChange,
): Promise<RecordVersion<SlaBreach>> {
  const fields = new RecordFields(raw, BREACH_FIELDS);
  const contractId = fields.required('contractId');
  const sla = fields.required('sla');
  const month = fields.required('month');
  if (month !== '' && !MONTH.test(month)) fields.problems.push(`month '${month}' is not a month (YYYY-MM)`);
  const measured = fields.decimal('measured');
  if (measured !== null && new Decimal(measured).gt(100))
    fields.problems.push(`measured '${measured}' is not a percentage from 0 to 100`);
  const incidentId = fields.text('incidentId');
  if (fields.problems.length > 0) throw invalidRecords('SLA_BREACH_INVALID', 'The breach', fields.problems);
  const id = fields.text('id') ?? `${contractId}:${sla}:${month}`;
  return stores.transaction(async () => {
    const contract = await requireContract(stores, contractId);
    const credit = slaCreditOwed(contract, sla, month, measured!);
    if (incidentId !== null && !(await stores.governance.incidents.getIncident(incidentId))) {
      throw new TollgateError(
        'INCIDENT_NOT_FOUND',
        `There is no incident ${incidentId}; record the incident first, or leave incidentId out.`,
        'not-found',
      );
    }
    if ((await stores.contracts.history('sla-breach', id)).length > 0) {
      throw new TollgateError(
        'SLA_BREACH_EXISTS',
        `A breach ${id} is already recorded; mark its credit received instead of recording it again.`,
        'conflict',
      );
    }
    const breach: SlaBreach = {
      id,
      contractId,
      sla,
      month,
      measured: measured!,
      incidentId,
      creditOwed: credit.creditOwed,
      creditReceived: null,
      receivedOn: null,
    };
    const [version] = await stores.contracts.saveVersions('sla-breach', [{ id, record: breach }], actor);
    await recordChange({
      action: 'contracts.sla-breach.create',
      target: `sla-breach:${id}`,
      before: null,
      after: { version, record: breach, creditPercent: credit.creditPercent },
    });
    return (await stores.contracts.history('sla-breach', id)).at(-1)!;
  });
}

/**
 * Records the credit a vendor paid for a breach (amount and day), as the breach's next version,
 * audited as `contracts.sla-breach.credit`; more than owed is refused (a typing mistake).
 */
export async function recordCreditReceived(
  stores: Stores,
  id: string,
  raw: { amount?: unknown; receivedOn?: unknown },
  actor: string,
  recordChange: RecordChange,
): Promise<RecordVersion<SlaBreach>> {
  const fields = new RecordFields(raw as Record<string, unknown>, ['amount', 'receivedOn']);
  const amount = fields.decimal('amount');
  const receivedOn = fields.date('receivedOn');
  if (fields.problems.length > 0) throw invalidRecords('SLA_CREDIT_INVALID', 'The credit', fields.problems);
  return stores.transaction(async () => {
    const before = (await stores.contracts.history('sla-breach', id)).at(-1);
    if (!before) {
      throw new TollgateError(
        'SLA_BREACH_NOT_FOUND',
        `There is no SLA breach ${id}; list the breaches to see their ids.`,
        'not-found',
      );
    }
    if (new Decimal(amount!).gt(before.record.creditOwed)) {
      throw new TollgateError(
        'SLA_CREDIT_INVALID',
        `The credit ${amount} is more than the ${before.record.creditOwed} owed for ${id}; check the amount. Nothing was changed.`,
        'invalid-input',
      );
    }
    const breach: SlaBreach = { ...before.record, creditReceived: amount!, receivedOn };
    const [version] = await stores.contracts.saveVersions('sla-breach', [{ id, record: breach }], actor);
    await recordChange({
      action: 'contracts.sla-breach.credit',
      target: `sla-breach:${id}`,
      before: { version: before.version, record: before.record },
      after: { version, record: breach },
    });
    return (await stores.contracts.history('sla-breach', id)).at(-1)!;
  });
}
