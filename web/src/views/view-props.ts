import type { Me } from '../api-types';

/** What every view receives from the shell: who is signed in (role, scopes, permissions). */
export interface ViewProps {
  me: Me;
}
