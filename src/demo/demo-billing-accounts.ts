import {
  AWS_SERVICES,
  AZURE_SERVICES,
  GCP_SERVICES,
  type ProviderServices,
  type ResourceKind,
} from './demo-provider-services.js';

/**
 * The demo organisation's billing accounts: two AWS payers (USD and EUR), a Microsoft billing
 * profile (EUR) and a Google Cloud billing account (USD), with their sub-accounts per environment,
 * prices, discounts, taxes, credits and commitments.
 */
export type DemoProviderName = 'AWS' | 'Microsoft' | 'Google Cloud';
export type DemoCurrency = 'USD' | 'EUR';

export interface DemoSubAccount {
  id: string;
  name: string;
  type: string;
  environment: string;
}

export interface DemoCommitment {
  id: string;
  name: string;
  type: string;
  category: 'Spend' | 'Usage';
  /** Discount of the committed rate against the list price, in percent. */
  discountPercent: number;
  /** Share of the eligible production spend of the first day that the commitment is sized to cover. */
  coverage: number;
}

export interface DemoBillingAccount {
  /** A short stable key, used in folder names. */
  key: string;
  id: string;
  name: string;
  type: string;
  providerName: DemoProviderName;
  publisherName: string;
  invoiceIssuerName: string;
  currency: DemoCurrency;
  /** Price of one USD list-price unit in the billing currency. */
  priceFactor: number;
  /** Negotiated discount off list prices (ContractedCost), in percent. */
  negotiatedDiscountPercent: number;
  /** Tax on the invoice (sales tax or VAT), in basis points; 0 when reverse-charged. */
  taxBasisPoints: number;
  /** Monthly credit as a share of the month's on-demand usage, in basis points, and its wording. */
  credit: { basisPoints: number; description: string; serviceKind: ResourceKind };
  /** Yearly usage spend at list price the generator aims at, in the billing currency. */
  yearlySpend: number;
  regions: { id: string; name: string; zones: string[] }[];
  subAccounts: DemoSubAccount[];
  services: ProviderServices;
  commitment?: DemoCommitment;
}

export const DEMO_ACCOUNTS: DemoBillingAccount[] = [
  {
    key: 'aws-us',
    id: '472913046185',
    name: 'Acme Retail',
    type: 'Management Account',
    providerName: 'AWS',
    publisherName: 'Amazon Web Services, Inc.',
    invoiceIssuerName: 'Amazon Web Services, Inc.',
    currency: 'USD',
    priceFactor: 1,
    negotiatedDiscountPercent: 6,
    taxBasisPoints: 625,
    credit: { basisPoints: 150, description: 'AWS Activate promotional credits', serviceKind: 'compute' },
    yearlySpend: 2_600_000,
    regions: [
      { id: 'us-east-1', name: 'US East (N. Virginia)', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      { id: 'us-west-2', name: 'US West (Oregon)', zones: ['us-west-2a', 'us-west-2b'] },
    ],
    subAccounts: [
      { id: '318204775109', name: 'acme-prod', type: 'Member Account', environment: 'prod' },
      { id: '529017463382', name: 'acme-staging', type: 'Member Account', environment: 'staging' },
      { id: '664820193751', name: 'acme-dev', type: 'Member Account', environment: 'dev' },
    ],
    services: AWS_SERVICES,
    commitment: {
      id: 'arn:aws:savingsplans::472913046185:savingsplan/5e1c2a7d-93b4-4f0e-8d2a-1b7c9e6f3a20',
      name: 'Compute Savings Plan 3yr No Upfront',
      type: 'Savings Plan',
      category: 'Spend',
      discountPercent: 34,
      coverage: 0.7,
    },
  },
  {
    key: 'aws-eu',
    id: '815360274491',
    name: 'Acme Retail Europe',
    type: 'Management Account',
    providerName: 'AWS',
    publisherName: 'Amazon Web Services, Inc.',
    invoiceIssuerName: 'Amazon Web Services EMEA SARL',
    currency: 'EUR',
    priceFactor: 0.92,
    negotiatedDiscountPercent: 4,
    // EU business customers are reverse-charged: the invoice carries no VAT line.
    taxBasisPoints: 0,
    credit: {
      basisPoints: 80,
      description: 'AWS Migration Acceleration Program credit',
      serviceKind: 'database',
    },
    yearlySpend: 700_000,
    regions: [
      { id: 'eu-central-1', name: 'Europe (Frankfurt)', zones: ['eu-central-1a', 'eu-central-1b'] },
      { id: 'eu-west-1', name: 'Europe (Ireland)', zones: ['eu-west-1a', 'eu-west-1b'] },
    ],
    subAccounts: [
      { id: '903318642057', name: 'acme-eu-prod', type: 'Member Account', environment: 'prod' },
      { id: '274605519830', name: 'acme-eu-staging', type: 'Member Account', environment: 'staging' },
      { id: '140952386617', name: 'acme-eu-dev', type: 'Member Account', environment: 'dev' },
    ],
    services: AWS_SERVICES,
  },
  {
    key: 'azure',
    id: '7c1e5a93-2f84-4d6b-a0c7-39e81b5d2f46:0b9d4e27-6a13-48f5-9c2e-d75a1f803b64_2019-05-31',
    name: 'Acme Retail GmbH',
    type: 'Billing Profile',
    providerName: 'Microsoft',
    publisherName: 'Microsoft',
    invoiceIssuerName: 'Microsoft',
    currency: 'EUR',
    priceFactor: 0.93,
    negotiatedDiscountPercent: 9,
    taxBasisPoints: 1900,
    credit: { basisPoints: 100, description: 'Azure Prepayment usage credit', serviceKind: 'genai' },
    yearlySpend: 900_000,
    regions: [
      { id: 'westeurope', name: 'West Europe', zones: ['1', '2', '3'] },
      { id: 'germanywestcentral', name: 'Germany West Central', zones: ['1', '2'] },
    ],
    subAccounts: [
      {
        id: 'b6f0c2d4-81a7-4e95-b3c8-5d2e7f190a63',
        name: 'acme-prod-sub',
        type: 'Subscription',
        environment: 'prod',
      },
      {
        id: '3e8a1c57-d4b2-49f6-a071-c95e2d83b4f1',
        name: 'acme-staging-sub',
        type: 'Subscription',
        environment: 'staging',
      },
      {
        id: 'f1d72b09-5c3e-4a86-9e14-07ab6c5d38e2',
        name: 'acme-dev-sub',
        type: 'Subscription',
        environment: 'dev',
      },
    ],
    services: AZURE_SERVICES,
    commitment: {
      id: '/providers/Microsoft.Capacity/reservationOrders/9f2d5c81-4b7a-4e36-8a1d-c2e5f7093b48/reservations/1a6e3d92-07c5-4f8b-b2d4-e9c1a5f7083d',
      name: 'VM_RI_Dsv5_3yr',
      type: 'Reservation',
      category: 'Usage',
      discountPercent: 41,
      coverage: 0.6,
    },
  },
  {
    key: 'gcp',
    id: '01A7C3-5E92B4-D1F608',
    name: 'Acme Retail Data',
    type: 'Billing Account',
    providerName: 'Google Cloud',
    publisherName: 'Google Cloud',
    invoiceIssuerName: 'Google Cloud',
    currency: 'USD',
    priceFactor: 1,
    negotiatedDiscountPercent: 5,
    taxBasisPoints: 0,
    credit: { basisPoints: 300, description: 'Sustained use discount', serviceKind: 'compute' },
    yearlySpend: 1_300_000,
    regions: [
      { id: 'us-central1', name: 'Iowa', zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'] },
      { id: 'europe-west4', name: 'Netherlands', zones: ['europe-west4-a', 'europe-west4-b'] },
    ],
    subAccounts: [
      { id: 'acme-data-prod', name: 'Acme Data Prod', type: 'Project', environment: 'prod' },
      { id: 'acme-data-staging', name: 'Acme Data Staging', type: 'Project', environment: 'staging' },
      { id: 'acme-data-dev', name: 'Acme Data Dev', type: 'Project', environment: 'dev' },
    ],
    services: GCP_SERVICES,
    commitment: {
      id: 'projects/acme-data-prod/regions/us-central1/commitments/cud-n2-flex-2025',
      name: 'Compute flexible committed use discount, 1 year',
      type: 'Committed Use Discount',
      category: 'Spend',
      discountPercent: 28,
      coverage: 0.65,
    },
  },
];
