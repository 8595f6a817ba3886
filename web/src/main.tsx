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
void import('./boot').then(({ renderDashboard }) => renderDashboard(root));
