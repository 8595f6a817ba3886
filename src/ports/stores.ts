import type { AlertFeedbackStore } from './alert-feedback-store.js';
import type { AlertStore } from './alert-store.js';
import type { AllocationStores } from './allocation-stores.js';
import type { AssetStore } from './asset-store.js';
import type { BudgetStore } from './budget-store.js';
import type { CatalogStore } from './catalog-store.js';
import type { ContractStore } from './contract-store.js';
import type { CostStore } from './cost-store.js';
import type { ExchangeRateStore } from './exchange-rate-store.js';
import type { FocusDatasetStore } from './focus-dataset-store.js';
import type { FocusExportStore } from './focus-export-store.js';
import type { ForecastStore } from './forecast-store.js';
import type { GovernanceStores } from './governance-store.js';
import type { InvoiceStore } from './invoice-store.js';
import type { JournalStore } from './journal-store.js';
import type { LicenceUsageStore } from './licence-usage-store.js';
import type { NoticeStore } from './notice-store.js';
import type { SqlEngine } from './sql-engine.js';
import type { StateStore } from './state-store.js';
import type { AccessStores } from './user-access-stores.js';

/**
 * Every store over one database, and the transaction that makes one user action atomic.
 * Each area of Tollgate adds its port here as one field, implemented by each adapter.
 */
export interface Stores {
  costs: CostStore;
  state: StateStore;
  governance: GovernanceStores;
  budgets: BudgetStore;
  forecasts: ForecastStore;
  alerts: AlertStore;
  /** The service catalogue's versions (allocation writes it; governance reads it). */
  catalog: CatalogStore;
  allocation: AllocationStores;
  access: AccessStores;
  /** Dated exchange rates, for the reporting currency. */
  exchangeRates: ExchangeRateStore;
  /** The asset register (versions of every asset). */
  assets: AssetStore;
  /** The DuckDB engine that reads billing files for ingestion. */
  fileEngine: SqlEngine;
  /** Allocated cost written out as FOCUS files. */
  exports: FocusExportStore;
  /** Provider invoices, reconciled against the cost lines. */
  invoices: InvoiceStore;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** FOCUS ContractCommitment, BillingPeriod and InvoiceDetail records (not cost lines). */
  focusDatasets: FocusDatasetStore;
  /** Finance's journal: a run's allocated amounts and the journal map's versions. */
  journal: JournalStore;
  /** Licences, their usage, vendor contracts and SLA breaches (versions of each record). */
  contracts: ContractStore;
  /** Verdicts (true or false positive) recorded on alerts. */
  alertFeedback: AlertFeedbackStore;
  /** Governance notices (approval requests, gate denials) and their deliveries to the channels. */
  notices: NoticeStore;
  /** Licence usage snapshots, one per licence and day. */
  licenceUsage: LicenceUsageStore;
}
