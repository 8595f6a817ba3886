import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { App } from './app';
import { parseSearchParams, stringifySearchParams, type UrlSearch } from './url-state';

/**
 * The dashboard's routes, in code (no generated route tree). There is one page, `/`: the view
 * and its choices are search parameters (`?view=explorer&by=team`), as bookmarks and shared
 * links have always had them, so the router parses and writes the plain query-string form.
 */
const rootRoute = createRootRoute({
  component: App,
  validateSearch: (search: Record<string, unknown>): UrlSearch => search as UrlSearch,
});

const dashboardRoute = createRoute({ getParentRoute: () => rootRoute, path: '/' });

export const router = createRouter({
  routeTree: rootRoute.addChildren([dashboardRoute]),
  parseSearch: parseSearchParams,
  stringifySearch: stringifySearchParams,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
