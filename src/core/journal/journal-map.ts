import { z } from 'zod';
import { type Problem, parseLocatedYaml, type YamlSource, zodProblems } from '../catalog/yaml-document.js';

/**
 * How allocated cost is posted to the general ledger: which account each cost centre's share
 * is debited to and which clearing account is credited. Written by finance as YAML:
 *
 *   clearing_account: "2100"                # credited: central IT's clearing account
 *   provider_clearing_accounts: {AWS: "2110"}  # optional: credit a provider's account instead
 *   expense_account: "6100"                 # debited by default
 *   service_category_accounts: {Compute: "6110"}  # optional: debit by FOCUS ServiceCategory
 *   cost_centres: {cc-payments: "CC100", unallocated: "CC999"}  # each cost centre's ledger code
 */
export interface JournalMap {
  clearingAccount: string;
  providerClearingAccounts: Record<string, string>;
  expenseAccount: string;
  serviceCategoryAccounts: Record<string, string>;
  /** Catalogue cost centre id (or `unallocated`) -> the cost centre's code in the ledger. */
  costCentres: Record<string, string>;
}

export interface StoredJournalMap {
  version: number;
  map: JournalMap;
  appliedAt: string;
  appliedBy: string;
}

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'an account or cost centre code: letters, digits, . _ / -');
const codes = z.record(z.string().min(1).max(200), code);

const journalMapSchema = z.strictObject({
  clearing_account: code,
  provider_clearing_accounts: codes.optional(),
  expense_account: code,
  service_category_accounts: codes.optional(),
  cost_centres: codes,
});

/** Reads a journal map from YAML; every problem names its line. */
export function parseJournalMap(source: YamlSource): { map?: JournalMap; problems: Problem[] } {
  const parsed = parseLocatedYaml(source);
  if (!parsed.yaml) return { problems: parsed.problems };
  const checked = journalMapSchema.safeParse(parsed.yaml.data ?? {});
  if (!checked.success)
    return { problems: zodProblems(parsed.yaml, checked.error).sort((a, b) => a.line - b.line) };
  return { map: fromFile(checked.data), problems: [] };
}

/** Checks a journal map sent as JSON (the API), with the same rules as the YAML file. */
export function checkJournalMap(data: unknown): { map?: JournalMap; problems: string[] } {
  const checked = journalMapSchema.safeParse(data);
  if (!checked.success)
    return {
      problems: checked.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
    };
  return { map: fromFile(checked.data), problems: [] };
}

function fromFile(data: z.infer<typeof journalMapSchema>): JournalMap {
  return {
    clearingAccount: data.clearing_account,
    providerClearingAccounts: data.provider_clearing_accounts ?? {},
    expenseAccount: data.expense_account,
    serviceCategoryAccounts: data.service_category_accounts ?? {},
    costCentres: data.cost_centres,
  };
}

/**
 * The map that a period's journal uses: for a closed period, the version pinned when it
 * closed (the first version when none had been applied), so re-exporting a closed period
 * gives the same journal whatever is applied later; for an open period, the latest.
 */
export function mapForPeriod(
  versions: readonly StoredJournalMap[],
  pinned: { version: number | null } | undefined,
): StoredJournalMap | undefined {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  if (pinned === undefined) return sorted.at(-1);
  return sorted.find((version) => version.version === pinned.version) ?? sorted[0];
}
