import { noticeDeadline } from '../../core/contracts/contract-fees.js';
import type { SlaBreach, VendorContract } from '../../core/contracts/contract-model.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { requireContract } from './manage-vendor-contracts.js';

export interface ContractSummary {
  id: string;
  vendor: string;
  ownerTeam: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  noticeBy: string;
  autoRenews: boolean;
  committedSpend: string | null;
  /** Effective cost of the vendor's bills in the term, in the contract's currency; null when no line was found. */
  actualSpend: string | null;
  /** Committed minus actual (what must still be spent); null when either is unknown. */
  commitmentRemaining: string | null;
  /** Sum of loaded FOCUS ContractCommitment records with this ContractId; null when none is loaded. */
  focusCommitment: string | null;
  slaCount: number;
  breaches: number;
  creditOwed: string;
  creditReceived: string;
  version: number;
}

/**
 * Actual spend with a vendor during a contract's term: the effective cost of every cost line
 * whose provider or invoice issuer is the vendor, charged from the first day of the term to
 * its last (inclusive), in the contract's currency. Null when there is none: not zero.
 */
async function actualSpend(stores: Stores, contract: VendorContract): Promise<string | null> {
  const end = new Date(`${contract.endsOn}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const rows = await stores.costs.queryCosts({
    from: contract.startsOn,
    to: end.toISOString().slice(0, 10),
    groupBy: ['provider'],
    metric: 'effective',
    filters: [{ dimension: 'provider', values: [contract.vendor] }],
  });
  const inCurrency = rows.filter((row) => row.currency === contract.currency);
  if (inCurrency.length === 0) return null;
  return inCurrency.reduce((sum, row) => sum.plus(row.cost), new Decimal(0)).toFixed();
}

/** Every vendor contract with its notice deadline, spend against commitment and SLA credits. */
export async function listContractSummaries(stores: Stores): Promise<ContractSummary[]> {
  const contracts = await stores.contracts.listCurrent('vendor-contract');
  const breaches = (await stores.contracts.listCurrent('sla-breach')).map((version) => version.record);
  const commitments = await stores.focusDatasets.listRecords('contract-commitment', { limit: 100_000 });
  const summaries: ContractSummary[] = [];
  for (const { record: contract, version } of contracts) {
    const actual = await actualSpend(stores, contract);
    const own: SlaBreach[] = breaches.filter((breach) => breach.contractId === contract.id);
    const focus = commitments.filter(
      (record) =>
        record.attributes.ContractId === contract.id &&
        record.amount !== null &&
        (record.currency === null || record.currency === contract.currency),
    );
    summaries.push({
      id: contract.id,
      vendor: contract.vendor,
      ownerTeam: contract.ownerTeam,
      currency: contract.currency,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
      noticeBy: noticeDeadline(contract),
      autoRenews: contract.autoRenews,
      committedSpend: contract.committedSpend,
      actualSpend: actual,
      commitmentRemaining:
        contract.committedSpend !== null && actual !== null
          ? new Decimal(contract.committedSpend).minus(actual).toFixed()
          : null,
      focusCommitment:
        focus.length === 0
          ? null
          : focus.reduce((sum, record) => sum.plus(record.amount!), new Decimal(0)).toFixed(),
      slaCount: contract.slas.length,
      breaches: own.length,
      creditOwed: own.reduce((sum, breach) => sum.plus(breach.creditOwed), new Decimal(0)).toFixed(),
      creditReceived: own
        .reduce((sum, breach) => sum.plus(breach.creditReceived ?? 0), new Decimal(0))
        .toFixed(),
      version,
    });
  }
  return summaries;
}

/** A contract with its versions, its SLA breaches and their credits. */
export async function showContract(stores: Stores, id: string) {
  const history = await stores.contracts.history('vendor-contract', id);
  const current = history.at(-1);
  if (!current) await requireContract(stores, id);
  const breaches = (await stores.contracts.listCurrent('sla-breach'))
    .filter((version) => version.record.contractId === id)
    .map((version) => ({ ...version.record, version: version.version }));
  return {
    contract: current!.record,
    noticeBy: noticeDeadline(current!.record),
    version: current!.version,
    breaches,
    history: history.map(({ version, changedAt, changedBy }) => ({ version, changedAt, changedBy })),
  };
}
