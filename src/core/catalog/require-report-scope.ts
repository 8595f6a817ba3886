import { TollgateError } from '../errors.js';
import type { Catalog } from './catalog-model.js';

/*
 * A report narrowed to one service or team must name one the catalogue holds: a misspelt name
 * would otherwise answer with an empty report, as if nothing had happened there. The caller
 * wrote the filter wrong, so the refusal is a usage error, not a not-found.
 */

/** Refuses a report's service filter that names no catalogue service (none given: all services). */
export function requireReportService(catalog: Catalog, service: string | undefined): void {
  if (service !== undefined && !catalog.services.some((s) => s.id === service)) {
    throw new TollgateError('UNKNOWN_SERVICE', `There is no service '${service}' in the catalogue.`, 'usage');
  }
}

/** Refuses a report's team filter that names no catalogue team (none given: all teams). */
export function requireReportTeam(catalog: Catalog, team: string | undefined): void {
  if (team !== undefined && !catalog.teams.some((t) => t.id === team)) {
    throw new TollgateError(
      'UNKNOWN_TEAM',
      `There is no team '${team}' in the catalogue; known teams: ${catalog.teams.map((t) => t.id).join(', ') || 'none'}.`,
      'usage',
    );
  }
}
