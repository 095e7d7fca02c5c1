import { useI18n } from '../i18n';
import { formatPercent } from '../lib/format';

/** Below this confidence a prediction is shown in the warning color. */
const LOW_CONFIDENCE = 0.5;

/** Renders a bar and a percentage for the confidence of a prediction. */
export function ConfidenceMeter({ value }: { value: number }) {
  const { t } = useI18n();
  const percent = formatPercent(value);

  return (
    <div className={`confidence${value < LOW_CONFIDENCE ? ' meter-low' : ''}`}>
      <div
        className="meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 100)}
        aria-label={t('triage.confidence')}
      >
        <span className="meter-fill" style={{ width: percent }} />
      </div>
      <span className="confidence-value">
        {t('triage.confidence')} {percent}
      </span>
    </div>
  );
}
