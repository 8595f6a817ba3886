import type { ViewProps } from './view-registry';

/** The on-call view (filled in below the shell commit). */
export function OnCallView({ me }: ViewProps) {
  return (
    <section>
      <h1>On-call</h1>
      <p className="muted">Signed in as {me.name}.</p>
    </section>
  );
}
