import type { ReactNode } from 'react';

/** One headline figure with what it is and what it is measured against. */
export function Tile({
  label,
  value,
  sub,
  testId,
  tone,
}: {
  label: ReactNode;
  value: ReactNode;
  sub?: ReactNode;
  testId?: string;
  tone?: 'good' | 'bad' | 'warn';
}) {
  return (
    <div className="card tile span-3" data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className={`tile-value ${tone ?? ''}`.trim()}>{value}</div>
      {sub ? <div className="tile-sub">{sub}</div> : null}
    </div>
  );
}

/** A bar showing how much of a budget is spent (actual) and forecast; over 100% turns red. */
export function BudgetBar({
  actualPercent,
  forecastPercent,
}: {
  actualPercent: number;
  forecastPercent: number | null;
}) {
  const clamp = (value: number) => Math.max(0, Math.min(100, value));
  return (
    <div className="budget-bar" aria-hidden="true">
      {forecastPercent !== null ? (
        <div
          className={`budget-bar-forecast ${forecastPercent > 100 ? 'over' : ''}`}
          style={{ width: `${clamp(forecastPercent)}%` }}
        />
      ) : null}
      <div
        className={`budget-bar-actual ${actualPercent > 100 ? 'over' : ''}`}
        style={{ width: `${clamp(actualPercent)}%` }}
      />
    </div>
  );
}
