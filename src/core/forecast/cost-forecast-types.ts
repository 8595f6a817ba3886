/** One forecast day of a scope: usage model plus recurring charges, with its interval. */
export interface CostForecastDay {
  date: string;
  point: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  usage: number;
  recurring: number;
}
