import type { CatalogAnswer, Change } from '../api-types';
import { useUrlState } from '../url-state';
import { minCostProblem, type QueueFilter } from './approvals-queue-filter';

/** The queue's filter, kept in the URL so a filtered queue can be bookmarked and shared. */
export function useQueueFilter(): [QueueFilter, Record<keyof QueueFilter, (value: string) => void>] {
  const [search, setSearch] = useUrlState('q', '');
  const [service, setService] = useUrlState('service', '');
  const [environment, setEnvironment] = useUrlState('env', '');
  const [mine, setMine] = useUrlState('mine', '');
  const [minCost, setMinCost] = useUrlState('minCost', '');
  return [
    { search, service, environment, mine: mine === '1', minCost },
    {
      search: setSearch,
      service: setService,
      environment: setEnvironment,
      mine: setMine,
      minCost: setMinCost,
    },
  ];
}

/** Search, service, environment, "waiting on my roles" and a minimum estimate. */
export function QueueControls({
  filter,
  set,
  changes,
  catalog,
  canDecide,
}: {
  filter: QueueFilter;
  set: Record<keyof QueueFilter, (value: string) => void>;
  changes: readonly Change[];
  catalog: CatalogAnswer;
  canDecide: boolean;
}) {
  const services = [...new Set(changes.map((change) => change.service))].sort();
  const environments = [...new Set(changes.map((change) => change.environment))].sort();
  const costProblem = minCostProblem(filter.minCost);
  const name = (id: string) => catalog.catalog.services.find((service) => service.id === id)?.name ?? id;
  return (
    <search className="controls queue-controls" aria-label="Filter the queue">
      <label>
        Search
        <input
          type="search"
          value={filter.search}
          placeholder="Change, service, release, requester"
          onChange={(event) => set.search(event.target.value)}
        />
      </label>
      <label>
        Service
        <select value={filter.service} onChange={(event) => set.service(event.target.value)}>
          <option value="">All services</option>
          {services.map((id) => (
            <option key={id} value={id}>
              {name(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Environment
        <select value={filter.environment} onChange={(event) => set.environment(event.target.value)}>
          <option value="">All environments</option>
          {environments.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Estimate at least
        <input
          inputMode="decimal"
          value={filter.minCost}
          aria-invalid={costProblem ? true : undefined}
          aria-describedby={costProblem ? 'min-cost-problem' : undefined}
          onChange={(event) => set.minCost(event.target.value)}
        />
        {costProblem ? (
          <span id="min-cost-problem" className="field-problem" role="alert">
            {costProblem}
          </span>
        ) : null}
      </label>
      {canDecide ? (
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={filter.mine}
            onChange={(event) => set.mine(event.target.checked ? '1' : '')}
          />
          Waiting on my roles
        </label>
      ) : null}
    </search>
  );
}
