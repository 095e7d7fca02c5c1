import { useCallback } from 'react';
import { useI18n } from '../i18n';
import { formatDuration } from '../lib/format';

/**
 * Returns a formatter of durations in seconds: whole seconds under a minute, where
 * `formatDuration` would round up to 1 minute, and `formatDuration` above.
 */
export function useFormatSeconds(): (seconds: number | null) => string {
  const { language, t } = useI18n();
  return useCallback(
    (seconds) => {
      if (seconds === null || !Number.isFinite(seconds) || seconds >= 59.5) {
        return formatDuration(seconds, language);
      }
      return `${Math.round(seconds)} ${t('dashboard.unit.second')}`;
    },
    [language, t],
  );
}
