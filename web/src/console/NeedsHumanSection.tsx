import type { TriageResult } from '../api/types';
import { useI18n } from '../i18n';

/** Whether a person must act on the case (refund, backend work, ...) and why. */
export function NeedsHumanSection({ needsHuman }: { needsHuman: TriageResult['needsHuman'] }) {
  const { t } = useI18n();

  if (!needsHuman.value) {
    return (
      <div className="triage-section">
        <h3 className="section-title">{t('triage.needsHuman')}</h3>
        <p className="muted">{t('triage.needsHuman.none')}</p>
      </div>
    );
  }

  return (
    <div className="triage-section triage-alert" data-testid="needs-human">
      <h3 className="section-title">{t('triage.needsHuman.yes')}</h3>
      <ul className="reason-list">
        {needsHuman.reasons.map((reason) => (
          <li key={reason.reason}>
            <strong>{reason.label}</strong>
            <span className="reason-action">{reason.action}</span>
            {reason.evidence && (
              <span className="reason-evidence">
                {t('triage.evidence')}: <q>{reason.evidence}</q>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
