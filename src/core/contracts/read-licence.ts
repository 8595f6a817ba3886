import { daysInclusive } from '../cost-entries/calendar-days.js';
import { LICENCE_FIELDS, LICENCE_METRICS, type Licence } from './contract-model.js';
import { RECORD_ID, RecordFields, TEAM_NAME } from './record-fields.js';

const MAX_QUANTITY = 10_000_000;
/** Ten years: a longer term is a typing mistake more often than a licence. */
const MAX_TERM_DAYS = 3660;

/**
 * Reads one licence entitlement as a user wrote it and checks it on its own (that its contract
 * exists is the caller's check): every problem is listed, the licence returned only when none.
 */
export function readLicence(raw: Record<string, unknown>): { licence?: Licence; problems: string[] } {
  const fields = new RecordFields(raw, LICENCE_FIELDS);
  const startsOn = fields.date('startsOn');
  const endsOn = fields.date('endsOn');
  fields.inOrder('startsOn', startsOn, 'endsOn', endsOn);
  const licence: Licence = {
    id: fields.name('id', RECORD_ID, 'an id (letters, digits and . _ : / -, at most 100)'),
    product: fields.required('product'),
    publisher: fields.text('publisher'),
    metric: fields.choice('metric', LICENCE_METRICS),
    quantity: fields.integer('quantity', 1, MAX_QUANTITY),
    startsOn,
    endsOn,
    price: fields.decimal('price', { positive: true }) ?? '0',
    currency: fields.currency('currency'),
    contractId: fields.text('contractId') ?? '',
    ownerTeam: fields.name('ownerTeam', TEAM_NAME, 'a team name'),
  };
  if (fields.problems.length === 0 && daysInclusive(startsOn, endsOn) > MAX_TERM_DAYS)
    fields.problems.push(`the term ${startsOn} to ${endsOn} is longer than ${MAX_TERM_DAYS} days`);
  if (licence.contractId === '')
    fields.problems.push(
      'contractId is missing; a licence is bought under a vendor contract, load that first',
    );
  return fields.problems.length > 0 ? { problems: fields.problems } : { licence, problems: [] };
}
