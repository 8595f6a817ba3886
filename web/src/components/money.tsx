import { formatMoneyText } from '../money-text';

/**
 * An exact decimal string from the API shown with its currency. The string is formatted for
 * display only (Intl formats the string itself, not a float); sums are done with decimal.js.
 */
export function Money({
  amount,
  currency,
  digits = 2,
  className,
}: {
  amount: string | null | undefined;
  currency: string | null | undefined;
  digits?: number;
  className?: string;
}) {
  if (amount === null || amount === undefined) return <span className={className}>–</span>;
  return (
    <span
      className={`money ${className ?? ''}`.trim()}
      title={`${amount} ${currency ?? ''}`.trim()}
      data-amount={amount}
    >
      {formatMoneyText(amount, currency, digits)}
    </span>
  );
}
