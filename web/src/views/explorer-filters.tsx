import { useUrlWriter } from '../url-state';
import {
  DETAIL_DIMENSIONS,
  DIMENSIONS,
  dimensionLabel,
  drillCrumbs,
  type Filter,
  formatFilterText,
} from './explorer-model';
import { type PickerRange, ValuePicker } from './explorer-value-picker';

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

/** The filters in force (each removable) and a picker to add more, kept in the URL. */
export function FilterBar({
  filters,
  texts,
  canSeeResources,
  range,
}: {
  filters: Filter[];
  texts: string[];
  canSeeResources: boolean;
  range: PickerRange;
}) {
  const { setList: setUrlList, setParams: setUrlParams } = useUrlWriter();
  const choices = DIMENSIONS.filter((candidate) => canSeeResources || !DETAIL_DIMENSIONS.has(candidate.id));

  return (
    <div className="filters">
      <div className="controls" style={{ marginBottom: '0.4rem' }}>
        {filters.length === 0 ? <span className="muted">No filters: every cost line counts.</span> : null}
        {filters.map((filter) => (
          <span className={`filter-chip${filter.exclude ? ' exclude' : ''}`} key={formatFilterText(filter)}>
            {dimensionLabel(filter.dimension)} {filter.exclude ? '≠' : '='}{' '}
            {filter.value === '' ? NONE : filter.value}
            <button
              type="button"
              aria-label={`Remove filter ${dimensionLabel(filter.dimension)} ${filter.exclude ? 'is not' : 'is'} ${filter.value === '' ? NONE : filter.value}`}
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
      <ValuePicker
        choices={choices}
        texts={texts}
        range={range}
        onAdd={(added) => setUrlList('filter', [...texts, ...added], {}, true)}
      />
    </div>
  );
}
