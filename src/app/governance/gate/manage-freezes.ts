import { TollgateError } from '../../../core/errors.js';
import {
  type BreakGlass,
  type CalendarFieldLabels,
  type Freeze,
  validateBreakGlass,
  validateFreeze,
} from '../../../core/governance/gate/deployment-calendar.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, nowOr } from '../governance-context.js';

/** The environment (and service) a freeze or break-glass names must be in the catalogue, or '*'. */
export async function checkFreezeScope(stores: Stores, environment: string, service?: string): Promise<void> {
  const catalog = await loadCatalog(stores);
  if (environment !== '*' && !catalog.environments.some((env) => env.id === environment)) {
    throw new TollgateError(
      'UNKNOWN_ENVIRONMENT',
      `There is no environment '${environment}' in the catalogue; use one of ${catalog.environments.map((e) => e.id).join(', ')} or '*'.`,
      'not-found',
    );
  }
  if (service !== undefined && !catalog.services.some((s) => s.id === service)) {
    throw new TollgateError(
      'UNKNOWN_SERVICE',
      `There is no service '${service}' in the catalogue.`,
      'not-found',
    );
  }
}

export async function addFreeze(
  stores: Stores,
  input: Omit<Freeze, 'id' | 'createdAt'>,
  at?: string,
  labels: CalendarFieldLabels = {},
): Promise<Freeze> {
  const checked = validateFreeze({ ...input, id: 'pending', createdAt: nowOr(at) }, labels);
  await checkFreezeScope(stores, input.environment);
  // A recurring freeze keeps the zone it was made in: the policy's unless it names its own.
  if (checked.cron !== undefined && checked.timeZone === undefined)
    checked.timeZone = (await stores.governance.currentPolicy())?.policy.timeZone ?? 'UTC';
  return stores.transaction(async () => {
    const freeze = { ...checked, id: await stores.governance.changes.nextFreezeId() };
    await stores.governance.changes.insertFreeze(freeze);
    await stores.governance.decisions.appendDecision({
      kind: 'freeze.add',
      subject: `freeze:${freeze.id}`,
      actor: input.createdBy,
      decision: 'added',
      inputs: input,
      result: freeze,
    });
    return freeze;
  });
}

export async function listFreezes(stores: Stores) {
  return {
    freezes: await stores.governance.changes.listFreezes(),
    breakGlass: await stores.governance.changes.listBreakGlass(),
  };
}

/** Records an audited break-glass: who, why, from when and until when, for which environment (and service). */
export async function breakGlass(
  stores: Stores,
  input: Omit<BreakGlass, 'id' | 'createdAt'>,
  at?: string,
  labels: CalendarFieldLabels = {},
): Promise<BreakGlass> {
  const checked = validateBreakGlass({ ...input, id: 'pending', createdAt: nowOr(at) }, labels);
  await checkFreezeScope(stores, input.environment, input.service);
  return stores.transaction(async () => {
    const record = { ...checked, id: await stores.governance.changes.nextBreakGlassId() };
    await stores.governance.changes.insertBreakGlass(record);
    await stores.governance.decisions.appendDecision({
      kind: 'break-glass',
      subject: `environment:${record.environment}`,
      actor: record.by,
      decision: 'granted',
      inputs: input,
      result: record,
    });
    return record;
  });
}
