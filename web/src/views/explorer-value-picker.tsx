import { type FormEvent, useId, useMemo, useState } from 'react';
import type { CostReport } from '../api-types';
import { ErrorMessage, Loading } from '../components/status';
import { useApi } from '../use-api';
import { dimensionLabel, formatFilterText } from './explorer-model';

/** How many values the list draws at once; typing narrows it. */
const SHOWN = 200;
const NONE = '(none)';

/** What the view asks: its days and its currency choice (GET /costs `currency=` and the filter it adds). */
export interface PickerRange {
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
  filter?: string[] | undefined;
}

/**
 * A filter picker over the values that exist: choose a dimension, keep or leave out, search the
 * values found in the data (in the chosen days), tick several, add them as one step. Plain
 * form controls throughout, so it works from the keyboard and with a screen reader as is.
 */
export function ValuePicker({
  choices,
  texts,
  range,
  onAdd,
}: {
  choices: { id: string; label: string }[];
  /** The filters in force (URL text), so a value already filtered on is shown as such. */
  texts: string[];
  range: PickerRange;
  onAdd: (texts: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [dimension, setDimension] = useState(choices[0]?.id ?? 'provider');
  const [mode, setMode] = useState<'keep' | 'leave-out'>('keep');
  const [search, setSearch] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const ids = useId();
  // The values are asked for only when the picker is opened, not on every paint.
  const values = useApi<CostReport>(open ? '/api/v1/costs' : null, {
    // The view's currency choice too: the values of the spend shown, converted as the view is.
    query: {
      by: dimension,
      from: range.from,
      to: range.to,
      currency: range.currency,
      filter: range.filter?.length ? range.filter : undefined,
    },
  });
  const known = useMemo(() => {
    if (values.status !== 'ready') return [];
    const names = new Set(values.data.rows.map((row) => row[dimension] ?? ''));
    return [...names].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  }, [values, dimension]);
  const needle = search.trim().toLowerCase();
  const matching = needle ? known.filter((value) => value.toLowerCase().includes(needle)) : known;
  const shown = matching.slice(0, SHOWN);
  const exclude = mode === 'leave-out';

  function chooseDimension(next: string) {
    setDimension(next);
    setTicked([]);
    setSearch('');
  }

  function toggle(value: string, on: boolean) {
    setTicked((current) => (on ? [...current, value] : current.filter((item) => item !== value)));
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const added = ticked
      .map((value) => formatFilterText({ dimension, value, exclude }))
      .filter((text) => !texts.includes(text));
    if (added.length > 0) onAdd(added);
    setTicked([]);
  }

  return (
    <details
      className="value-picker"
      data-testid="value-picker"
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>Add a filter</summary>
      <form onSubmit={add} aria-label="Add filters" className="value-picker-form">
        <div className="controls">
          <label>
            Dimension
            <select
              name="filter-dimension"
              value={dimension}
              onChange={(event) => chooseDimension(event.target.value)}
            >
              {choices.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented-radio">
            <legend>Lines</legend>
            <label>
              <input
                type="radio"
                name="filter-mode"
                value="keep"
                checked={!exclude}
                onChange={() => setMode('keep')}
              />
              keep only these
            </label>
            <label>
              <input
                type="radio"
                name="filter-mode"
                value="leave-out"
                checked={exclude}
                onChange={() => setMode('leave-out')}
              />
              leave these out
            </label>
          </fieldset>
          <label>
            Search values
            <input
              type="search"
              name="filter-search"
              value={search}
              aria-controls={`${ids}-values`}
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
        </div>
        {values.status === 'loading' && open ? <Loading what="Reading the values" /> : null}
        {values.status === 'error' ? <ErrorMessage error={values.error} /> : null}
        {values.status === 'ready' ? (
          <fieldset id={`${ids}-values`} className="value-list">
            <legend>
              Values of {dimensionLabel(dimension).toLowerCase()}{' '}
              <span className="muted" aria-live="polite">
                ({matching.length === known.length ? known.length : `${matching.length} of ${known.length}`}
                {matching.length > SHOWN ? `, the first ${SHOWN} shown: type to narrow` : ''})
              </span>
            </legend>
            {known.length === 0 ? <p className="muted">No values in these days.</p> : null}
            {known.length > 0 && matching.length === 0 ? (
              <p className="muted">No value contains “{search.trim()}”.</p>
            ) : null}
            {shown.map((value) => {
              const already = texts.includes(formatFilterText({ dimension, value, exclude }));
              return (
                <label key={value} className="value-option">
                  <input
                    type="checkbox"
                    name="filter-value"
                    value={value}
                    checked={already || ticked.includes(value)}
                    disabled={already}
                    onChange={(event) => toggle(value, event.target.checked)}
                  />
                  {value === '' ? NONE : value}
                  {already ? <span className="muted"> (filtered)</span> : null}
                </label>
              );
            })}
          </fieldset>
        ) : null}
        <button type="submit" disabled={ticked.length === 0}>
          {ticked.length === 0
            ? 'Tick values to add'
            : `${exclude ? 'Leave out' : 'Keep only'} ${ticked.length} value${ticked.length === 1 ? '' : 's'}`}
        </button>
      </form>
    </details>
  );
}
