import { useCurrencies } from '../components/cost-controls';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { readCurrencyChoice } from '../currency-choice';
import type { TeamStatement } from './allocation-statement-file';

/**
 * A statement's currency: each billing currency on its own (the statement's sections per
 * currency), or every line converted into a reporting currency at its charge day's rate by
 * the API (`?currency=`). It reads and writes the dashboard's one currency choice (`currency=`
 * in the URL), so "All, in EUR" chosen in another view holds here too; a single billing
 * currency chosen elsewhere shows each currency here, since a team's bill keeps them all.
 */
export function StatementCurrencySelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const { options } = useCurrencies();
  const converted = options.filter((option) => readCurrencyChoice(option.value).converted);
  const choice = readCurrencyChoice(value);
  return (
    <label>
      Currency
      <select
        name="statement-currency"
        value={choice.converted ? choice.value : ''}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">Each billing currency</option>
        {converted.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The API's conversion block: each billing currency's own sums beside the same sums converted. */
export function StatementConversion({
  conversion,
}: {
  conversion: NonNullable<TeamStatement['conversion']>;
}) {
  return (
    <div className="span-12" data-testid="statement-conversion">
      <DataTable
        fileName={`statement-conversion-${conversion.currency}`}
        caption={`Converted into ${conversion.currency} at each charge day's rate (${conversion.rounding})`}
        rows={conversion.byCurrency}
        columns={[
          { key: 'currency', label: 'Billing currency', value: (row) => row.currency },
          {
            key: 'effective',
            label: 'Effective, as billed',
            kind: 'money',
            value: (row) => row.effectiveCost,
            render: (row) => <Money amount={row.effectiveCost} currency={row.currency} />,
          },
          {
            key: 'converted',
            label: `Effective in ${conversion.currency}`,
            kind: 'money',
            value: (row) => row.convertedEffectiveCost,
            render: (row) => <Money amount={row.convertedEffectiveCost} currency={conversion.currency} />,
          },
        ]}
      />
    </div>
  );
}
