import { type ComponentType, lazy } from 'react';
import type { Me, Role } from '../api-types';
import { loadView } from './view-loaders';
import type { ViewProps } from './view-props';

export interface ViewEntry {
  /** The `?view=` value; stable, since links are shared. */
  id: string;
  title: string;
  /** Loaded on first use (each view is its own chunk; see view-loaders.ts). */
  component: ComponentType<ViewProps>;
  /** Whether the nav shows this view to a role (all roles when absent). The API still decides. */
  visibleTo?: (role: Role, me: Me) => boolean;
}

function view(id: string, title: string, visibleTo?: ViewEntry['visibleTo']): ViewEntry {
  return { id, title, component: lazy(() => loadView(id)), ...(visibleTo ? { visibleTo } : {}) };
}

/** The views in nav order; the first one the role can see is the default (DEFAULT_VIEW). */
export const VIEWS: ViewEntry[] = [
  view('executive', 'Executive'),
  view('on-call', 'On-call'),
  view('explorer', 'Explorer'),
  view('allocation', 'Allocation'),
  view('releases', 'Releases'),
  view('approvals', 'Approvals'),
  view('assets', 'Assets'),
  view('audit', 'Audit', (_r, me) => me.permissions.includes('audit:read')),
];

export function visibleViews(me: Me): ViewEntry[] {
  return VIEWS.filter((entry) => !entry.visibleTo || entry.visibleTo(me.role, me));
}
