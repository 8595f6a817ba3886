import { Link } from '@tanstack/react-router';
import { type FormEvent, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, fetchJson, getToken, hasCookieSession, setCsrfToken, setToken } from './api-client';
import type { CookieSessionAnswer, Me } from './api-types';
import { RefreshBar } from './components/refresh-bar';
import { ErrorMessage, Loading } from './components/status';
import { carryCurrencyChoice } from './currency-choice';
import { asApiError, queryClient } from './query-client';
import { takeSessionCheck } from './session-check';
import { useUrlState } from './url-state';
import { ViewLoadBoundary } from './view-load-boundary';
import { visibleViews } from './views/view-registry';

type SignInMode = 'password' | 'token';

type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; error?: ApiError }
  | { status: 'signed-in'; me: Me };

/** The shell: sign-in, who I am, the nav, and the view the URL names. */
export function App() {
  // Every tab starts by asking: a pasted token (this tab's), else the session cookie (any tab's).
  const [session, setSession] = useState<SessionState>({ status: 'checking' });
  // After a failed token, the form opens on the token tab again, with the error.
  const [mode, setMode] = useState<SignInMode>('password');

  const loadMe = useCallback(async () => {
    const usingToken = getToken() !== null;
    try {
      // A link opened in a new tab has only the cookie: the check asks the server for this
      // tab's CSRF token first (session-check.ts; the entry module started it before the shell loaded).
      const me = await takeSessionCheck();
      setSession({ status: 'signed-in', me });
    } catch (error) {
      setToken(null);
      setCsrfToken(null);
      const failure = asApiError(error);
      // No session cookie is the ordinary signed-out state, not an error to show.
      const cookieEnded = !usingToken && failure.status === 401;
      if (cookieEnded && failure.code === 'AUTH_MISSING_TOKEN') setSession({ status: 'signed-out' });
      else if (cookieEnded)
        setSession({
          status: 'signed-out',
          error: new ApiError(
            401,
            failure.code,
            'Your session has ended (signed out or expired). Sign in again.',
          ),
        });
      else setSession({ status: 'signed-out', error: failure });
    }
  }, []);

  useEffect(() => {
    if (session.status === 'checking') void loadMe();
  }, [session.status, loadMe]);

  const signOut = useCallback(async () => {
    // A cookie session is ended on the server (revoked and audited); a pasted token is only forgotten.
    if (hasCookieSession()) {
      try {
        await fetchJson('/api/v1/sessions/current', { method: 'DELETE' });
      } catch {
        // Already ended or expired: signed out either way.
      }
    }
    setToken(null);
    setCsrfToken(null);
    // The next person signing in on this tab must not see this one's answers.
    queryClient.clear();
    setSession({ status: 'signed-out' });
  }, []);

  if (session.status === 'checking') return <Loading what="Checking your sign-in" />;
  if (session.status === 'signed-out')
    return (
      <SignIn
        error={session.error}
        initialMode={mode}
        onSignedIn={(from, token) => {
          setMode(from);
          setToken(token ?? null);
          queryClient.clear();
          setSession({ status: 'checking' });
        }}
      />
    );
  return <Dashboard me={session.me} onSignOut={() => void signOut()} />;
}

function Dashboard({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const views = visibleViews(me);
  const [viewId] = useUrlState('view', views[0]?.id ?? '');
  const current = views.find((view) => view.id === viewId);
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    document.title = current ? `${current.title} · Tollgate` : 'Tollgate';
  }, [current]);

  return (
    <div className="shell">
      {/* The first stop for a keyboard: past the nav to the view (main takes the focus). */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Tollgate</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <nav id="main-nav" className={menuOpen ? 'nav open' : 'nav'} aria-label="Views">
          {views.map((view) => (
            // A new view starts from its own defaults: only `view` and the currency choice survive.
            <Link
              key={view.id}
              to="/"
              search={(previous) => ({ view: view.id, ...carryCurrencyChoice(previous) })}
              // The default view has no `view=` in its URL yet is the current page.
              inactiveProps={view.id === current?.id ? { 'aria-current': 'page' } : {}}
              onClick={() => setMenuOpen(false)}
            >
              {view.title}
            </Link>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {me.name} <span className="role-badge">{me.role}</span>
        </span>
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        <RefreshBar />
        {current ? (
          <ViewLoadBoundary key={current.id}>
            <Suspense fallback={<Loading what={`Opening ${current.title}`} />}>
              <current.component me={me} />
            </Suspense>
          </ViewLoadBoundary>
        ) : (
          <ErrorMessage
            error={
              new ApiError(
                404,
                'VIEW_NOT_FOUND',
                viewId
                  ? `There is no view '${viewId}' for the role ${me.role}. Pick one from the menu.`
                  : `The role ${me.role} has no views. Ask an admin for a role that can read costs.`,
              )
            }
          />
        )}
      </main>
    </div>
  );
}

function SignIn({
  error,
  initialMode,
  onSignedIn,
}: {
  error: ApiError | undefined;
  initialMode: SignInMode;
  /** Signed in: with a pasted API token (given), or with the session cookie the server set. */
  onSignedIn: (from: SignInMode, token?: string) => void;
}) {
  const [mode, setMode] = useState<SignInMode>(initialMode);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setTokenText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>(error);

  useEffect(() => setFailure(error), [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    if (mode === 'token') {
      const trimmed = token.trim();
      if (trimmed === '') {
        setFailure(
          new ApiError(0, 'SIGN_IN_EMPTY', 'Paste an API token (tollgate tokens create prints one).'),
        );
        return;
      }
      onSignedIn('token', trimmed);
      return;
    }
    setBusy(true);
    try {
      // The session token goes into an HTTP-only cookie; this page keeps only its CSRF token.
      const answer = await fetchJson<CookieSessionAnswer>('/api/v1/sessions/cookie', {
        method: 'POST',
        body: { name: name.trim(), password },
      });
      setToken(null);
      setCsrfToken(answer.csrfToken);
      onSignedIn('password');
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-label="Sign in">
        <h1>Tollgate</h1>
        <p className="muted">IT financial management with money built into releases.</p>
        <div className="segmented" role="tablist" aria-label="Sign in with">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'password'}
            onClick={() => setMode('password')}
          >
            User and password
          </button>
          <button type="button" role="tab" aria-selected={mode === 'token'} onClick={() => setMode('token')}>
            API token
          </button>
        </div>
        {mode === 'password' ? (
          <>
            <label>
              User name
              <input
                name="username"
                autoComplete="username"
                value={name}
                onChange={(event) => setName(event.target.value)}
                required
              />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                required
              />
            </label>
          </>
        ) : (
          <label>
            API token
            <input
              name="token"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(event) => setTokenText(event.target.value)}
            />
          </label>
        )}
        {failure ? <ErrorMessage error={failure} title="Could not sign in" /> : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
