import type { ReactNode } from 'react';
import type { ApiError } from '../api-client';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="status status-empty" role="status">
      {children}
    </div>
  );
}

/** An API error in the API's own words, with its code so support can find it in the logs. */
export function ErrorMessage({ error, title }: { error: ApiError | Error; title?: string }) {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return (
    <div className="status status-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      <span className="error-text">{error.message}</span>
      {code ? <span className="error-code"> ({code})</span> : null}
    </div>
  );
}
