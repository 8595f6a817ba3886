/**
 * How many services the top-services card ranks; the API answers the rest apart, as its
 * `remainder` per currency, which the card shows last and never ranks.
 */
export const TOP_SERVICES = 10;
