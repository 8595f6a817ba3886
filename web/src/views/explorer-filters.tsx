import { type FormEvent, useState } from 'react';
import type { CostReport } from '../api-types';
import { useUrlWriter } from '../url-state';
import { useApi } from '../use-api';
import {
  DETAIL_DIMENSIONS,
  DIMENSIONS,
  dimensionLabel,
  drillCrumbs,
  type Filter,
  formatFilterText,
} from './explorer-model';

const NONE = '(none)';

/** Where the drill-down is: every step a button back to it. */
export function Breadcrumbs({
  filters,
  by,
  onBack,
}: {
  filters: Filter[];
  by: string;
  onBack: (index: number) => void;
}) {
  const crumbs = drillCrumbs(filters);
  return (
    <nav className="breadcrumbs" aria-label="Drill-down path" data-testid="breadcrumbs">
      <button type="button" onClick={() => onBack(0)} disabled={crumbs.length === 0}>
        All
      </button>
      {crumbs.map((crumb, index) => (
        <span key={formatFilterText(crumb)}>
          ›{' '}
          <button type="button" onClick={() => onBack(index + 1)}>
            {dimensionLabel(crumb.dimension)}: {crumb.value}
          </button>
        </span>
      ))}
      <span className="muted">› by {dimensionLabel(by).toLowerCase()}</span>
    </nav>
  );
}

/** The filters in force (each removable) and a form to add one, kept in the URL. */
export function FilterBar({
  filters,
  texts,
  canSeeResources,
}: {
  filters: Filter[];
  texts: string[];
  canSeeResources: boolean;
}) {
  const { setList: setUrlList, setParams: setUrlParams } = useUrlWriter();
  const [dimension, setDimension] = useState('provider');
  const [value, setValue] = useState('');
  const choices = DIMENSIONS.filter((candidate) => canSeeResources || !DETAIL_DIMENSIONS.has(candidate.id));
  // The known values are asked for only when someone starts typing a filter, not on every paint.
  const [wanted, setWanted] = useState(false);
  const values = useApi<CostReport>(wanted ? '/api/v1/costs' : null, { query: { by: dimension } });
  const known =
    values.status === 'ready' ? [...new Set(values.data.rows.map((row) => row[dimension] ?? ''))] : [];

  function add(event: FormEvent) {
    event.preventDefault();
    const text = formatFilterText({ dimension, value: value.trim() });
    if (!texts.includes(text)) setUrlList('filter', [...texts, text], {}, true);
    setValue('');
  }

  return (
    <div className="filters">
      <div className="controls" style={{ marginBottom: '0.4rem' }}>
        {filters.length === 0 ? <span className="muted">No filters: every cost line counts.</span> : null}
        {filters.map((filter) => (
          <span className="filter-chip" key={formatFilterText(filter)}>
            {dimensionLabel(filter.dimension)} = {filter.value === '' ? NONE : filter.value}
            <button
              type="button"
              aria-label={`Remove filter ${formatFilterText(filter)}`}
              onClick={() =>
                setUrlList(
                  'filter',
                  texts.filter((text) => text !== formatFilterText(filter)),
                  {},
                  true,
                )
              }
            >
              ×
            </button>
          </span>
        ))}
        {filters.length > 0 ? (
          <button
            type="button"
            className="link-button-dark"
            onClick={() => setUrlParams({ filter: null }, true)}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <form className="controls" onSubmit={add} aria-label="Add a filter">
        <label>
          Filter on
          <select
            name="filter-dimension"
            value={dimension}
            onChange={(event) => setDimension(event.target.value)}
          >
            {choices.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          equal to (empty: lines without it)
          <input
            name="filter-value"
            list="filter-values"
            value={value}
            onFocus={() => setWanted(true)}
            onChange={(event) => setValue(event.target.value)}
          />
          <datalist id="filter-values">
            {known.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </label>
        <button type="submit">Add filter</button>
      </form>
    </div>
  );
}
