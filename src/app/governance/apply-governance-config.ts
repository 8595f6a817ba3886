import { z } from 'zod';
import { TollgateError } from '../../core/errors.js';
import { type GovernancePolicy, parseGovernancePolicy } from '../../core/governance/governance-policy.js';
import { type RateCard, validateRateCard } from '../../core/governance/releases/rate-card.js';
import type { Stores } from '../../ports/stores.js';
import { parseYamlText } from './governance-context.js';

const text = z.union([z.string(), z.number()]).transform(String);
const rateCardSchema = z
  .object({
    rates: z.array(
      z
        .object({
          role: z.string().min(1),
          hourlyRate: text,
          currency: z.string(),
          effectiveFrom: text,
          effectiveTo: text.optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Reads a rate card file: `rates:` with role, hourlyRate, currency, effectiveFrom and optional effectiveTo. */
export function parseRateCardText(source: string, path: string): RateCard {
  const parsed = rateCardSchema.safeParse(parseYamlText(source, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(
      'RATECARD_INVALID',
      `${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}. Nothing was applied.`,
    );
  }
  return validateRateCard({ entries: parsed.data.rates });
}

export async function applyRateCard(stores: Stores, source: string, path: string, actor: string) {
  const card = parseRateCardText(source, path);
  return stores.transaction(async () => {
    const version = await stores.governance.rateCards.saveRateCard(card, actor, path);
    await stores.governance.decisions.appendDecision({
      kind: 'ratecard.apply',
      subject: `ratecard:${version}`,
      actor,
      decision: 'applied',
      inputs: { path, card },
      result: { version },
    });
    return { version, entries: card.entries.length, card };
  });
}

export async function applyPolicy(
  stores: Stores,
  source: string,
  path: string,
  actor: string,
): Promise<{ version: number; policy: GovernancePolicy }> {
  const policy = parseGovernancePolicy(parseYamlText(source, path));
  return stores.transaction(async () => {
    const version = await stores.governance.savePolicy(policy, actor, path);
    await stores.governance.decisions.appendDecision({
      kind: 'policy.apply',
      subject: `policy:${version}`,
      actor,
      decision: 'applied',
      inputs: { path, policy },
      result: { version },
    });
    return { version, policy };
  });
}
