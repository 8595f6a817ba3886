import { Decimal } from '../money.js';
import type { Asset } from './asset-model.js';
import { monthIndex, monthLabel } from './calendar-months.js';
import type { DepreciationMonth } from './depreciation-schedule.js';

/** The provider and billing account the register's cost lines are loaded under. */
export const ASSET_PROVIDER = 'Tollgate asset register';
export const ASSET_BILLING_ACCOUNT = 'asset-register';

/**
 * The FOCUS 1.2 columns of a depreciation line: the mandatory ones, the resource and tags that
 * allocation rules match on, and two extension columns (`x_asset_id`, `x_cost_class`).
 */
export const DEPRECIATION_LINE_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'Tags',
  'x_asset_id',
  'x_cost_class',
] as const;

/** FOCUS service categories by asset class; any other class is Other. */
const SERVICE_CATEGORY: Record<string, string> = {
  server: 'Compute',
  storage: 'Storage',
  network: 'Networking',
  laptop: 'Other',
};

const monthStart = (index: number) => `${monthLabel(index)}-01 00:00:00`;

/**
 * The canonical cost lines of the register's depreciation up to and including `through`
 * (YYYY-MM): one line per asset, month and kind of charge (depreciation, impairment, write-off
 * on disposal) with a non-zero amount. A line is a recurring Purchase charge (the monthly share
 * of what was bought), CAPEX, billed and effective at the amount, owned through the tags the
 * register gives (team and service), so allocation treats it like any other cost.
 */
export function depreciationCostLines(
  assets: readonly { asset: Asset; schedule: readonly DepreciationMonth[] }[],
  through: string,
): string[][] {
  const last = monthIndex(through);
  const lines: string[][] = [];
  for (const { asset, schedule } of assets) {
    for (const month of schedule) {
      const index = monthIndex(month.month);
      if (index > last) break;
      const charges: [string, string][] = [
        ['Depreciation', month.depreciation],
        ['Impairment', month.impairment],
        ['Write-off on disposal', month.writeOff],
      ];
      for (const [kind, amount] of charges) {
        if (new Decimal(amount).isZero()) continue;
        lines.push(costLine(asset, index, kind, amount));
      }
    }
  }
  return lines;
}

function costLine(asset: Asset, month: number, kind: string, amount: string): string[] {
  const tags: Record<string, string> = { team: asset.ownerTeam };
  if (asset.ownerService !== null) tags.service = asset.ownerService;
  const values: Record<(typeof DEPRECIATION_LINE_COLUMNS)[number], string> = {
    BilledCost: amount,
    BillingAccountId: ASSET_BILLING_ACCOUNT,
    BillingAccountName: 'Asset register',
    BillingCurrency: asset.currency,
    BillingPeriodEnd: monthStart(month + 1),
    BillingPeriodStart: monthStart(month),
    ChargeCategory: 'Purchase',
    ChargeClass: '',
    ChargeDescription: `${kind} of ${asset.assetClass} ${asset.id} (${asset.method}, ${asset.convention})`,
    ChargeFrequency: 'Recurring',
    ChargePeriodEnd: monthStart(month + 1),
    ChargePeriodStart: monthStart(month),
    ContractedCost: amount,
    EffectiveCost: amount,
    InvoiceIssuerName: ASSET_PROVIDER,
    ListCost: amount,
    PricingQuantity: '',
    PricingUnit: '',
    ProviderName: ASSET_PROVIDER,
    PublisherName: ASSET_PROVIDER,
    RegionName: asset.location ?? '',
    ResourceId: asset.resourceId ?? asset.id,
    ResourceName: asset.hostname ?? asset.id,
    ResourceType: asset.assetClass,
    ServiceCategory: SERVICE_CATEGORY[asset.assetClass] ?? 'Other',
    ServiceName: `Owned ${asset.assetClass}`,
    Tags: JSON.stringify(tags),
    x_asset_id: asset.id,
    x_cost_class: 'capex',
  };
  return DEPRECIATION_LINE_COLUMNS.map((column) => values[column]);
}
