import { useState } from 'react';
import type { ApiError } from '../api-client';
import { ErrorMessage } from '../components/status';
import { asApiError, sendChange } from '../query-client';

/** Applying stores a new version (history is kept); a second click confirms. */
export function ApplyRules({ yaml }: { yaml: string }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [applied, setApplied] = useState<{ version: number; frozenPeriods: string[] } | null>(null);
  if (applied)
    return (
      <p className="good" role="status">
        Applied as version {applied.version}. Run allocation for the months it changes
        {applied.frozenPeriods.length > 0
          ? `; closed months keep their allocation (${applied.frozenPeriods.join(', ')})`
          : ''}
        .
      </p>
    );
  return (
    <div>
      {failure ? (
        <div style={{ whiteSpace: 'pre-wrap' }}>
          <ErrorMessage error={failure} title="Not applied" />
        </div>
      ) : null}
      {step === 'confirm' ? (
        <p>Apply this rule set as a new version? It takes effect for every month from its effective_from.</p>
      ) : null}
      <button
        type="button"
        disabled={step === 'busy'}
        className={step === 'confirm' ? 'primary' : undefined}
        onClick={async () => {
          if (step === 'idle') {
            setStep('confirm');
            return;
          }
          setStep('busy');
          setFailure(null);
          try {
            setApplied(
              await sendChange<{ version: number; frozenPeriods: string[] }>('/api/v1/rules/versions', {
                method: 'POST',
                body: { yaml, fileName: 'dashboard-rules.yaml' },
              }),
            );
          } catch (error) {
            setFailure(asApiError(error));
            setStep('idle');
          }
        }}
      >
        {step === 'confirm' ? 'Confirm: apply as a new version' : 'Apply as a new version…'}
      </button>
    </div>
  );
}
