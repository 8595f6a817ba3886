import type { ComponentType } from 'react';
import type { Me, Role } from '../api-types';
import { AllocationView } from './allocation-view';
import { ApprovalsView } from './approvals-view';
import { AssetsView } from './assets-view';
import { AuditView } from './audit-view';
import { ExecutiveView } from './executive-view';
import { ExplorerView } from './explorer-view';
import { OnCallView } from './on-call-view';
import { ReleasesView } from './releases-view';
import type { ViewProps } from './view-props';

export interface ViewEntry {
  /** The `?view=` value; stable, since links are shared. */
  id: string;
  title: string;
  component: ComponentType<ViewProps>;
  /** Whether the nav shows this view to a role (all roles when absent). The API still decides. */
  visibleTo?: (role: Role, me: Me) => boolean;
}

/** The views in nav order; the first one the role can see is the default. */
export const VIEWS: ViewEntry[] = [
  { id: 'executive', title: 'Executive', component: ExecutiveView },
  { id: 'on-call', title: 'On-call', component: OnCallView },
  { id: 'explorer', title: 'Explorer', component: ExplorerView },
  // W2's views go here, one line each, e.g.:
  { id: 'allocation', title: 'Allocation', component: AllocationView },
  { id: 'releases', title: 'Releases', component: ReleasesView },
  { id: 'approvals', title: 'Approvals', component: ApprovalsView },
  { id: 'assets', title: 'Assets', component: AssetsView },
  {
    id: 'audit',
    title: 'Audit',
    component: AuditView,
    visibleTo: (_r, me) => me.permissions.includes('audit:read'),
  },
];

export function visibleViews(me: Me): ViewEntry[] {
  return VIEWS.filter((view) => !view.visibleTo || view.visibleTo(me.role, me));
}
