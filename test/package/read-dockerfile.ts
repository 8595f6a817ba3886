import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-cli.js';

export interface DockerInstruction {
  keyword: string;
  text: string;
}

export interface DockerStage {
  name: string;
  base: string;
  instructions: DockerInstruction[];
}

/**
 * The repository's Dockerfile as stages of instructions: 1. comments dropped and `\`
 * continuations joined; 2. each line split into its keyword and the rest; 3. a new stage at each
 * FROM (`FROM image AS name`).
 */
export function readDockerfile(): DockerStage[] {
  const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const at = line.indexOf(' ');
    const keyword = line.slice(0, at).toUpperCase();
    const rest = line.slice(at + 1).trim();
    if (keyword === 'FROM') {
      const [base, as, name] = rest.split(/\s+/);
      stages.push({
        base: base!,
        name: as?.toUpperCase() === 'AS' ? name! : String(stages.length),
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${keyword} before any FROM`);
    stage.instructions.push({ keyword, text: rest });
  }
  return stages;
}

/** The values of `ENV A=1 B=2` instructions of a stage. */
export function stageEnvironment(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { text } of stage.instructions.filter((i) => i.keyword === 'ENV'))
    for (const pair of text.split(/\s+/)) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  return env;
}

/** The one instruction of a stage with this keyword (CMD, ENTRYPOINT, HEALTHCHECK...). */
export function stageInstruction(stage: DockerStage, keyword: string): string {
  const found = stage.instructions.filter((i) => i.keyword === keyword);
  if (found.length !== 1) throw new Error(`Dockerfile stage ${stage.name} has ${found.length} ${keyword}`);
  return found[0]!.text;
}
