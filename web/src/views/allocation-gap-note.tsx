/**
 * Said above a figure grouped or filtered by an owner (team, cost centre, ...) when some months
 * in its range have cost lines but no allocation run: their cost is not in the figure, which
 * would otherwise read as a smaller spend. Nothing when every month is allocated.
 */
export function AllocationGapNote({ months }: { months: string[] }) {
  if (months.length === 0) return null;
  const period = months.length === 1 ? months[0] : `${months[0]}..${months.at(-1)}`;
  return (
    <p className="muted" role="note" data-testid="allocation-gap">
      Not in these figures: {months.join(', ')} {months.length === 1 ? 'has' : 'have'} cost lines but no
      allocation run, so {months.length === 1 ? 'its' : 'their'} cost has no owner yet. Allocate{' '}
      {months.length === 1 ? 'it' : 'them'} (tollgate allocate --period {period}) to include{' '}
      {months.length === 1 ? 'it' : 'them'}.
    </p>
  );
}
