/** One day's rate of a currency pair: 1 `from` is `rate` `to`, an exact decimal string. */
export interface ExchangeRate {
  date: string;
  from: string;
  to: string;
  rate: string;
}
