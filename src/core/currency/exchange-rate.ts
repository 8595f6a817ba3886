/** One day's rate of a currency pair: 1 `from` is `rate` `to`, an exact decimal string. */
export interface ExchangeRate {
  date: string;
  from: string;
  to: string;
  rate: string;
  /** Set on a rate `--fill-forward` carried over a day the source skipped: the published day it is from. */
  filledFrom?: string;
}
