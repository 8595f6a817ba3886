/**
 * DORA performance bands as Tollgate reads the 2024 Accelerate State of DevOps report's
 * cluster table (elite, high, medium, low). The report describes clusters, not thresholds;
 * each metric's band below is stated so a figure can be checked by hand.
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

export const DORA_BAND_RULES = {
  deploymentFrequency:
    'elite: 1 or more production deployments per day on average (on demand); high: 1 or more per week; medium: 1 or more per 30 days; low: fewer.',
  changeLeadTime:
    'Median hours: elite under 24 (less than one day); high under 168 (one week); medium under 720 (30 days); low otherwise (one to six months).',
  changeFailRate:
    "The nearest 2024 cluster value: elite 5%, medium 10%, high 20%, low 40% (the report's medium cluster fails less often than its high one); midpoints 7.5%, 15%, 30%, a tie to the better band.",
  failedDeploymentRecoveryTime:
    'Median hours: elite under 1; high under 24 (the 2024 high and medium clusters both recover in less than one day); medium under 168; low otherwise (one week to one month).',
  deploymentReworkRate: 'Not banded: the 2024 report introduced the metric without cluster values.',
} as const;

export function bandDeploymentFrequency(perDay: number | null): DoraBand | null {
  if (perDay === null) return null;
  if (perDay >= 1) return 'elite';
  if (perDay * 7 >= 1) return 'high';
  if (perDay * 30 >= 1) return 'medium';
  return 'low';
}

export function bandLeadTime(medianHours: number | null): DoraBand | null {
  if (medianHours === null) return null;
  if (medianHours < 24) return 'elite';
  if (medianHours < 168) return 'high';
  if (medianHours < 720) return 'medium';
  return 'low';
}

export function bandChangeFailRate(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.075) return 'elite';
  if (rate <= 0.15) return 'medium';
  if (rate <= 0.3) return 'high';
  return 'low';
}

export function bandRecoveryTime(medianHours: number | null): DoraBand | null {
  if (medianHours === null) return null;
  if (medianHours < 1) return 'elite';
  if (medianHours < 24) return 'high';
  if (medianHours < 168) return 'medium';
  return 'low';
}
