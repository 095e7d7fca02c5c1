import type { Language } from '../i18n';

/** Formats an ISO 8601 time as a short local date and time, or `—` when absent. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Formats an ISO 8601 time as a local date, or `—` when absent. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(language, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Formats a share between 0 and 1 as a whole percentage. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

const UNITS: Record<Language, { minute: string; hour: string; day: string }> = {
  'zh-CN': { minute: ' 分钟', hour: ' 小时', day: ' 天' },
  en: { minute: ' min', hour: ' h', day: ' d' },
};

/** Formats a duration in seconds with the largest fitting unit, such as `3.5 小时`. */
export function formatDuration(seconds: number | null | undefined, language: Language): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const units = UNITS[language];
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))}${units.minute}`;
  if (seconds < 86_400) return `${round1(seconds / 3600)}${units.hour}`;
  return `${round1(seconds / 86_400)}${units.day}`;
}

function round1(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Returns the age of a time as a duration in seconds, from now. */
export function ageSeconds(value: string | null | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : Math.max(0, (Date.now() - time) / 1000);
}
