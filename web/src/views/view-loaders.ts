import type { ComponentType } from 'react';
import { preloadCharts } from '../components/charts-loader';
import type { ViewProps } from './view-props';

/** A view's module, as React.lazy wants it. */
export type ViewModule = { default: ComponentType<ViewProps> };

interface ViewLoader {
  load: () => Promise<ViewModule>;
  /** The view draws ECharts charts: its chunk and the charts chunk are fetched together. */
  charts: boolean;
}

/**
 * Each view is its own chunk, fetched when the page opens on it or the nav goes to it, so the
 * first page downloads and parses only the shell and one view. This file imports no view (nor
 * React): the entry module uses it to start the current view's chunk before the shell has loaded.
 */
const LOADERS: Record<string, ViewLoader> = {
  executive: {
    load: () => import('./executive-view').then((m) => ({ default: m.ExecutiveView })),
    charts: true,
  },
  'on-call': {
    load: () => import('./on-call-view').then((m) => ({ default: m.OnCallView })),
    charts: true,
  },
  explorer: {
    load: () => import('./explorer-view').then((m) => ({ default: m.ExplorerView })),
    charts: true,
  },
  allocation: {
    load: () => import('./allocation-view').then((m) => ({ default: m.AllocationView })),
    charts: false,
  },
  releases: {
    load: () => import('./releases-view').then((m) => ({ default: m.ReleasesView })),
    charts: true,
  },
  approvals: {
    load: () => import('./approvals-view').then((m) => ({ default: m.ApprovalsView })),
    charts: false,
  },
  assets: {
    load: () => import('./assets-view').then((m) => ({ default: m.AssetsView })),
    charts: false,
  },
  audit: {
    load: () => import('./audit-view').then((m) => ({ default: m.AuditView })),
    charts: false,
  },
};

/** The view the dashboard opens when the URL names none (the first in the nav). */
export const DEFAULT_VIEW = 'executive';

const started = new Map<string, Promise<ViewModule>>();

/**
 * A view's module, fetched once: the preload and React.lazy share the same promise. A failed
 * fetch is forgotten, so opening the view again tries again.
 */
export function loadView(id: string): Promise<ViewModule> {
  const loader = LOADERS[id];
  if (!loader) return Promise.reject(new Error(`There is no view '${id}'.`));
  let module = started.get(id);
  if (!module) {
    if (loader.charts) void preloadCharts().catch(() => undefined);
    module = loader.load();
    started.set(id, module);
    module.catch(() => started.delete(id));
  }
  return module;
}

/** Starts fetching the view a URL names (the default view when none), ignoring unknown ids. */
export function preloadViewOf(search: string): void {
  const id = new URLSearchParams(search).get('view') || DEFAULT_VIEW;
  if (LOADERS[id]) void loadView(id).catch(() => undefined);
}
