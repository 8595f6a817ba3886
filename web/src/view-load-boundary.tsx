import { Component, type ReactNode } from 'react';
import { ApiError } from './api-client';
import { ErrorMessage } from './components/status';

interface State {
  error: Error | null;
}

/**
 * A view's chunk is fetched when the view opens; when that fails (the server went away, or was
 * updated and no longer has this page's chunks) the view says so in place of a blank page, and
 * the nav still works. A view that throws while drawing is caught the same way.
 */
export class ViewLoadBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorMessage
        title="This view could not be opened"
        error={
          new ApiError(
            0,
            'VIEW_LOAD_FAILED',
            `${error.message}. Reload the page: if the server was restarted or updated, the reload fetches the dashboard again.`,
          )
        }
      />
    );
  }
}
