/**
 * How a demo pipeline meets the deployment gate. Most ask once, just before they deploy, and
 * are allowed. A few ask too early (before the last approval is in), are denied, and ask again
 * once it is. One goes without the service owner's financial sign-off, is denied, and is
 * deployed anyway: the finding a conformance report exists to show.
 */
export type DemoGateScene = 'ask-once' | 'ask-early' | 'deployed-anyway';

/** The n-th normal production change (0-based, in generation order) that goes without sign-off. */
export const DEMO_DEPLOYED_ANYWAY_INDEX = 100;
/** One normal change in this many asks the gate before its last approval. */
const EARLY_ASK_EVERY = 150;

/** The scene of the n-th normal production change of the demo year (no randomness: the seed's draws stay as they were). */
export function planDemoGateScene(normalIndex: number): DemoGateScene {
  if (normalIndex === DEMO_DEPLOYED_ANYWAY_INDEX) return 'deployed-anyway';
  return normalIndex % EARLY_ASK_EVERY === 60 ? 'ask-early' : 'ask-once';
}
