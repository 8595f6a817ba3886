import { useDataThrough } from '../data-through';
import { useUrlWriter } from '../url-state';
import { presetRange, RANGE_PRESETS, rangeProblem } from './explorer-range-model';

/**
 * The explorer's days: From and Until (both included), presets ending on the last day with
 * data, and the comparison with the previous period. A range that ends before it starts is
 * refused on the From field, in these words, and nothing is asked of the server.
 */
export function RangeControls({
  from,
  until,
  currency,
  compare,
  onFrom,
  onUntil,
  onCompare,
}: {
  from: string;
  until: string;
  currency: string;
  compare: boolean;
  onFrom: (value: string) => void;
  onUntil: (value: string) => void;
  onCompare: (value: boolean) => void;
}) {
  const { setParams } = useUrlWriter();
  const through = useDataThrough(currency);
  const today = through.status === 'ready' ? through.data : null;
  const problem = rangeProblem(from, until);

  return (
    <div className="range-controls" data-testid="range-controls">
      <div className="controls">
        <label>
          From
          <input
            type="date"
            name="from"
            value={from}
            aria-invalid={problem?.field === 'from' ? true : undefined}
            aria-describedby={problem?.field === 'from' ? 'range-problem' : undefined}
            onChange={(event) => onFrom(event.target.value)}
          />
        </label>
        <label>
          Until (included)
          <input
            type="date"
            name="until"
            value={until}
            aria-invalid={problem?.field === 'until' ? true : undefined}
            aria-describedby={problem?.field === 'until' ? 'range-problem' : undefined}
            onChange={(event) => onUntil(event.target.value)}
          />
        </label>
        <label className="checkbox-label">
          <input
            type="checkbox"
            name="compare"
            checked={compare}
            disabled={!from || !until}
            onChange={(event) => onCompare(event.target.checked)}
          />
          Compare with the previous period
        </label>
      </div>
      {problem ? (
        <p id="range-problem" className="field-error" role="alert" data-testid="range-problem">
          {problem.message}
        </p>
      ) : null}
      <fieldset className="preset-buttons">
        <legend className="visually-hidden">Date presets</legend>
        {RANGE_PRESETS.map((preset) => {
          const range = today ? presetRange(preset.id, today) : null;
          const current = range !== null && range.from === from && range.until === until;
          return (
            <button
              key={preset.id}
              type="button"
              aria-pressed={current}
              disabled={range === null}
              onClick={() => range && setParams({ from: range.from, until: range.until })}
            >
              {preset.label}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={!from && !until}
          onClick={() => setParams({ from: null, until: null })}
        >
          All loaded days
        </button>
        {today ? <span className="muted">Presets end on the last day with data, {today}.</span> : null}
        {!from || !until ? <span className="muted">Choose both days to compare.</span> : null}
      </fieldset>
    </div>
  );
}
