import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { recordAudit } from '../../audit/record-audit.js';
import { importFreezeCalendar } from '../gate/import-freeze-calendar.js';
import { addFreeze, breakGlass } from '../gate/manage-freezes.js';

type FreezeInput = Omit<Parameters<typeof addFreeze>[1], 'createdBy'>;
type BreakGlassInput = Omit<Parameters<typeof breakGlass>[1], 'by'>;
type Labels = Parameters<typeof addFreeze>[3];

/** Adds a freeze made by the acting person, with its audit entry in the same transaction. */
export async function addFreezeAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: FreezeInput,
  at?: string,
  labels?: Labels,
) {
  return stores.transaction(async () => {
    const freeze = await addFreeze(stores, { ...input, createdBy: personOf(identity) }, at, labels);
    await recordAudit(stores, identity.actor, {
      action: 'freezes.add',
      target: `freeze:${freeze.id}`,
      after: freeze,
    });
    return freeze;
  });
}

/** Breaks the glass as the acting person, with its audit entry in the same transaction. */
export async function breakGlassAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: BreakGlassInput,
  at?: string,
  labels?: Labels,
) {
  return stores.transaction(async () => {
    const record = await breakGlass(stores, { ...input, by: personOf(identity) }, at, labels);
    await recordAudit(stores, identity.actor, {
      action: 'freezes.break-glass',
      target: `break-glass:${record.id}`,
      after: record,
    });
    return record;
  });
}

type CalendarInput = Omit<Parameters<typeof importFreezeCalendar>[1], 'createdBy'>;

/** Imports freezes from an iCalendar file as the acting person, with one audit entry for the import. */
export async function importFreezeCalendarAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: CalendarInput,
  at?: string,
  labels?: Parameters<typeof importFreezeCalendar>[3],
) {
  return stores.transaction(async () => {
    const result = await importFreezeCalendar(
      stores,
      { ...input, createdBy: personOf(identity) },
      at,
      labels,
    );
    await recordAudit(stores, identity.actor, {
      action: 'freezes.import',
      target: `calendar:${result.source}`,
      after: { imported: result.imported.map((freeze) => freeze.id), range: result.range },
    });
    return result;
  });
}
