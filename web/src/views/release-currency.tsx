import type { ReleaseRow } from '../api-types';
import { useCurrencies } from '../components/cost-controls';
import { readCurrencyChoice } from '../currency-choice';
import { useUrlState } from '../url-state';

type ReleaseConversion = NonNullable<ReleaseRow['conversion']>;

/**
 * The release views' currency: the dashboard's one choice (`currency=` in the URL). Converted
 * ("All, in EUR"), the API converts every release amount into it (GET /releases... currency=);
 * otherwise each release is shown in its own currency. No figure is converted in the browser.
 */
export function useReleaseCurrency(): { query: { currency?: string }; converted: string | null } {
  const [value] = useUrlState('currency', '');
  const choice = readCurrencyChoice(value);
  return choice.converted
    ? { query: { currency: choice.currency }, converted: choice.currency }
    : { query: {}, converted: null };
}

/** Picks each release's own currency or a converted one; writes the dashboard's one choice. */
export function ReleaseCurrencySelect() {
  const [value, setValue] = useUrlState('currency', '');
  const { options } = useCurrencies();
  const converted = options.filter((option) => readCurrencyChoice(option.value).converted);
  const chosen = readCurrencyChoice(value).converted ? value : '';
  return (
    <label>
      Amounts in
      <select name="release-currency" value={chosen} onChange={(event) => setValue(event.target.value)}>
        <option value="">each release's own currency</option>
        {converted.map((option) => (
          <option key={option.value} value={option.value}>
            {readCurrencyChoice(option.value).currency} (converted)
          </option>
        ))}
        {chosen && !converted.some((option) => option.value === chosen) ? (
          <option value={chosen}>{readCurrencyChoice(chosen).currency} (converted)</option>
        ) : null}
      </select>
    </label>
  );
}

/** How the API restated the release's money in the chosen currency (its conversion rule). */
export function ReleaseConversionNote({ conversion }: { conversion: ReleaseConversion | null | undefined }) {
  if (!conversion) return null;
  return (
    <p className="section-note" data-testid="release-conversion">
      In {conversion.currency}, converted from {conversion.releaseCurrency}: {conversion.rule}.
    </p>
  );
}
