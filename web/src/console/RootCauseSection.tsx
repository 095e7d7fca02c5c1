import type { RootCause } from '../api/types';
import { useI18n } from '../i18n';
import { ConfidenceMeter } from './ConfidenceMeter';

/**
 * Renders the likely root cause with its confidence, the phrases that point to it and the
 * playbook's fix steps, or why there is none.
 */
export function RootCauseSection({
  rootCause,
  otherProvider,
}: {
  rootCause: RootCause | null;
  otherProvider?: { name: string } | null;
}) {
  const { t } = useI18n();

  return (
    <div className="triage-section">
      <h3 className="section-title">{t('triage.rootCause')}</h3>
      {rootCause ? (
        <>
          <p className="triage-value">{rootCause.label}</p>
          <code className="triage-code">{rootCause.code}</code>
          <ConfidenceMeter value={rootCause.confidence} />
          {rootCause.evidence.length > 0 && (
            <div className="evidence">
              <span className="muted">{t('triage.evidence')}</span>
              {rootCause.evidence.map((phrase) => (
                <mark key={phrase} className="evidence-chip">
                  {phrase}
                </mark>
              ))}
            </div>
          )}
          {rootCause.fix && rootCause.fix.length > 0 && (
            <div className="fix-steps">
              <span className="muted">{t('triage.fixSteps')}</span>
              <ol>
                {rootCause.fix.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </div>
          )}
        </>
      ) : otherProvider ? (
        <p className="notice notice-warning" data-testid="other-provider">
          {t('triage.otherProvider', { name: otherProvider.name })}
        </p>
      ) : (
        <p className="muted">{t('triage.rootCause.none')}</p>
      )}
    </div>
  );
}
