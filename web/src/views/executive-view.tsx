import type { ViewProps } from './view-registry';

/** The executive view (filled in below the shell commit). */
export function ExecutiveView({ me }: ViewProps) {
  return (
    <section>
      <h1>Executive</h1>
      <p className="muted">Signed in as {me.name}.</p>
    </section>
  );
}
