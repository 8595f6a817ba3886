/**
 * Revenue the demo organisation loses per hour a customer-facing service is down (USD, the
 * demo policy's currency): the catalogue states it, and an incident's revenue impact is its
 * outage hours times it. Internal services state none, so their incidents say so.
 * demo-catalog.yaml writes the same figures.
 */
export const DEMO_REVENUE_PER_OUTAGE_HOUR: Readonly<Record<string, string>> = {
  'payments-api': '4800',
  'payment-gateway': '4800',
  'checkout-api': '6500',
  'order-service': '3900',
  'cart-service': '1200',
  'search-api': '900',
  'auth-service': '5200',
  'mobile-bff': '1500',
  'catalog-api': '750',
  'pricing-engine': '600',
};
