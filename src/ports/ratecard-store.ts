import type { RateCard } from '../core/governance/releases/rate-card.js';

export interface RateCardVersion {
  version: number;
  appliedAt: string;
  appliedBy: string;
  sourcePath: string;
  card: RateCard;
}

/** Rate cards: every applied card is kept as a version; the newest is the current one. */
export interface RateCardStore {
  saveRateCard(card: RateCard, appliedBy: string, sourcePath: string): Promise<number>;
  currentRateCard(): Promise<RateCardVersion | undefined>;
}
