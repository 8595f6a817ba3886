import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryClient } from '../query-client';

const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/**
 * Reload on demand, and when the figures on screen were last read from the server (in the
 * reader's time zone): answers are cached for a minute, so a person can tell how fresh a page is.
 */
export function RefreshBar() {
  const [lastLoaded, setLastLoaded] = useState<Date | null>(null);
  const fetching = useIsFetching();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success')
          setLastLoaded(new Date(event.query.state.dataUpdatedAt));
      }),
    [],
  );
  return (
    <div className="refresh-bar">
      <span className="muted" aria-live="polite" data-testid="last-loaded">
        {fetching > 0 ? 'Loading…' : lastLoaded ? `Last loaded ${TIME.format(lastLoaded)}` : ''}
      </span>
      <button
        type="button"
        disabled={fetching > 0}
        onClick={() => void queryClient.invalidateQueries({ refetchType: 'active' })}
      >
        Refresh
      </button>
    </div>
  );
}
