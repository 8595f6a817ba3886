import { SeededRandom } from '../seeded-random.js';

/** Labour booked to a demo release: who, in which role, how many hours, on which day. */
export interface DemoTimeEntry {
  releaseId: string;
  person: string;
  role: string;
  hours: string;
  date: string;
}

const PEOPLE: Record<string, string[]> = {
  engineer: ['ana', 'bo', 'chen', 'dara'],
  'tech-writer': ['emil'],
  sre: ['farah', 'goran'],
};
const DAY = 86_400_000;

/** What the bookings need of a demo release (kept structural: the generator imports this file). */
interface ReleaseToBook {
  id: string;
  createdAt: string;
  plannedDate: string;
  estimate: { labour: { role: string; hours: string }[] };
}

/**
 * The time the demo's people book to each release, from its own seed so the rest of the demo
 * year stays as it was:
 * 1. each estimated role's hours times a draw between 0.8 and 1.4 (releases mostly overrun);
 * 2. booked in weekly entries of 16 to 40 hours, from the release's creation towards its planned date;
 * 3. the last release, still open, has booked no time yet, so the demo shows what missing labour
 *    looks like (and its waiting changes stay within the release budget, as the approval tour needs).
 */
export function planDemoReleaseTime(seed: number, releases: readonly ReleaseToBook[]): DemoTimeEntry[] {
  const rng = new SeededRandom(`release-time-${seed}`);
  const entries: DemoTimeEntry[] = [];
  releases.forEach((release, index) => {
    if (index === releases.length - 1) return;
    const start = Date.parse(release.createdAt);
    const end = Date.parse(`${release.plannedDate}T00:00:00Z`);
    for (const item of release.estimate.labour) {
      let left = Math.round(Number(item.hours) * (0.8 + rng.next() * 0.6));
      const people = PEOPLE[item.role] ?? ['demo'];
      while (left > 0) {
        const hours = Math.min(left, rng.integer(16, 40));
        const day = start + Math.floor(rng.next() * Math.max(1, (end - start) / DAY)) * DAY;
        entries.push({
          releaseId: release.id,
          person: rng.pick(people),
          role: item.role,
          hours: String(hours),
          date: new Date(day).toISOString().slice(0, 10),
        });
        left -= hours;
      }
    }
  });
  return entries;
}
