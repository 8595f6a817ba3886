import { startSessionCheck } from './session-check';
import { preloadViewOf } from './views/view-loaders';
import './styles.css';

/**
 * The entry module is small on purpose: it asks the server who is signed in (and what data
 * there is) and starts fetching the view the URL names, and only then loads React and the shell,
 * so the answers and the code arrive together instead of one after the other.
 */
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
startSessionCheck();
preloadViewOf(window.location.search);
import('./boot').then(
  ({ renderDashboard }) => renderDashboard(root),
  () => showShellLoadFailure(root),
);

/** The shell's code did not arrive (a dropped connection, a server replaced mid-load). */
function showShellLoadFailure(into: HTMLElement): void {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'shell-load-failed';
  message.textContent =
    'The dashboard could not be loaded (DASHBOARD_LOAD_FAILED). Reload the page; if this persists, check that the Tollgate server is running and reachable.';
  into.replaceChildren(message);
}
