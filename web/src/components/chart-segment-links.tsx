/**
 * The keyboard's way into a chart's segments: a canvas cannot take the focus, so each segment
 * a click on the chart opens is also a real link here (Tab to it, Enter, or open in a new tab).
 */
export function ChartSegmentLinks({
  label,
  links,
  testId,
}: {
  /** What the links open, e.g. "Open in the explorer". */
  label: string;
  links: { text: string; href: string }[];
  testId?: string;
}) {
  if (links.length === 0) return null;
  return (
    <nav className="chart-links" aria-label={label} data-testid={testId}>
      <span className="muted">{label}:</span>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
