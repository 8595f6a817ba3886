import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadDeployModule = () => import('../commands/deploy-command.js');

export function defineDeployCommand(program: Command): void {
  const deploy = program
    .command('deploy')
    .description(
      'Deployment records: from any CI (record) or from GitHub, GitLab and Argo CD events (import)',
    );
  deploy
    .command('record')
    .description('Record one deployment; it is priced with the current cost model and rate card')
    .requiredOption('--service <id>', 'catalogue service')
    .requiredOption('--env <id>', 'environment')
    .requiredOption('--version <version>', 'deployed version or commit SHA')
    .requiredOption('--start <time>', 'start (ISO-8601)')
    .requiredOption('--end <time>', 'end (ISO-8601)')
    .requiredOption('--outcome <outcome>', 'succeeded, failed or rolled_back')
    .option('--change-type <type>', 'standard, normal or emergency', 'normal')
    .option('--sha <sha>', 'commit SHA')
    .option('--committed-at <time>', 'commit time, for DORA lead time')
    .option('--pipeline-run <id>', 'CI pipeline run id or URL')
    .option('--pipeline-minutes <minutes>', 'CI runner minutes used', '0')
    .option('--release <id>', 'the release it belongs to')
    .option('--change <id>', 'the change request it carries (closed when the deployment succeeds)')
    .option('--triggered-by <person>', 'who triggered it')
    .option(
      '--delivery-id <id>',
      'the CI delivery id; the same delivery is recorded once (default: derived from the fields)',
    )
    .option('--id <id>', 'deployment id (default DEP-n)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDeployModule, (m) => m.runDeployRecord));
  deploy
    .command('import')
    .description(
      'Import one event body: GitHub deployment_status, GitLab Deployment Hook or Argo CD notification JSON',
    )
    .argument('<file>', 'the JSON body of the event')
    .requiredOption('--format <format>', 'github, gitlab or argocd')
    .option('--service <id>', 'catalogue service, when the event does not name it')
    .option('--env <id>', 'environment, when the event does not name it')
    .option('--change-type <type>', 'standard, normal or emergency', 'normal')
    .option('--release <id>', 'the release it belongs to')
    .option('--change <id>', 'the change request it carries')
    .option('--pipeline-minutes <minutes>', 'CI runner minutes used')
    .option('--started-at <time>', 'start time, when the event carries only its end (GitLab)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDeployModule, (m) => m.runDeployImport));
  deploy
    .command('list')
    .description('Recorded deployments with their cost')
    .option('--service <id>', 'one service')
    .option('--env <id>', 'one environment')
    .option('--release <id>', 'one release')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDeployModule, (m) => m.runDeployList));
}
