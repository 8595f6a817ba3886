import { type KeyboardEvent, type ReactNode, useMemo, useState } from 'react';
import { type CsvColumn, writeCsv } from '../../../src/core/csv/write-csv';
import { downloadCsv } from '../download-file';
import { compareDecimals } from '../money-text';

export interface Column<Row> {
  key: string;
  label: string;
  /** 'money' and 'number' columns sort as exact decimals and align right. */
  kind?: 'text' | 'money' | 'number';
  /** The cell's raw value: what sorting and the CSV use. */
  value: (row: Row) => string | null;
  /** How the cell looks; the raw value when absent. */
  render?: (row: Row) => ReactNode;
}

/**
 * A table that sorts by any column (click the header; click again to reverse) and exports
 * exactly what it shows, in its order, as CSV with the raw (unrounded) values.
 */
export function DataTable<Row>({
  columns,
  rows,
  fileName,
  initialSort,
  onRowClick,
  rowLabel,
  caption,
  testId,
  rowLimit,
}: {
  columns: Column<Row>[];
  rows: Row[];
  fileName: string;
  initialSort?: { key: string; descending: boolean };
  onRowClick?: (row: Row) => void;
  /** Why a row is clickable (e.g. "Drill down into"), for the row's title. */
  rowLabel?: (row: Row) => string;
  caption?: string;
  testId?: string;
  /** Draw at most this many rows until the reader asks for all (for tables that can be long). */
  rowLimit?: number;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  // Thousands of rows (resources) would make every sort and re-render slow: show the first
  // ones, all on request. The CSV export always has every row.
  const [limit, setLimit] = useState(rowLimit ?? Number.POSITIVE_INFINITY);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const column = columns.find((candidate) => candidate.key === sort.key);
    if (!column) return rows;
    const direction = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => direction * compareCells(column, column.value(a), column.value(b)));
  }, [rows, columns, sort]);

  const csvColumns: CsvColumn<Row>[] = columns.map((column) => ({
    label: column.label,
    kind: column.kind === 'money' || column.kind === 'number' ? 'number' : 'text',
    value: column.value,
  }));
  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-tools">
        <span className="muted">{rows.length.toLocaleString('en-US')} rows</span>
        <button type="button" onClick={() => downloadCsv(fileName, writeCsv(csvColumns, sorted))}>
          Export CSV
        </button>
      </div>
      <div className="table-scroll">
        <table>
          {caption ? <caption>{caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.key === column.key;
                return (
                  <th
                    key={column.key}
                    className={column.kind && column.kind !== 'text' ? 'num' : undefined}
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort({
                          key: column.key,
                          descending: active ? !sort.descending : column.kind !== 'text',
                        })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, limit).map((row, index) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
                key={index}
                className={onRowClick ? 'clickable' : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                // A clickable row is a stop in the tab order and opens with Enter or Space,
                // so it works without a mouse (e.g. a CAB approver opening a change).
                tabIndex={onRowClick ? 0 : undefined}
                onKeyDown={onRowClick ? (event) => openRowByKey(event, () => onRowClick(row)) : undefined}
                title={rowLabel?.(row)}
              >
                {columns.map((column) => (
                  <td key={column.key} className={column.kind && column.kind !== 'text' ? 'num' : undefined}>
                    {column.render ? column.render(row) : (column.value(row) ?? '–')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > limit ? (
        <button type="button" className="show-all" onClick={() => setLimit(sorted.length)}>
          Show all {sorted.length.toLocaleString('en-US')} rows (first {limit} shown)
        </button>
      ) : null}
    </div>
  );
}

function openRowByKey(event: KeyboardEvent<HTMLTableRowElement>, open: () => void): void {
  // Only keys pressed on the row itself: a button inside the row keeps its own Enter.
  if (event.target !== event.currentTarget) return;
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  open();
}

function compareCells<Row>(column: Column<Row>, a: string | null, b: string | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : -1;
  if (b === null || b === '') return 1;
  if (column.kind === 'money' || column.kind === 'number') {
    try {
      return compareDecimals(a, b);
    } catch {
      // Not a number after all (e.g. "n/a"): fall back to text order.
    }
  }
  return a.localeCompare(b);
}
