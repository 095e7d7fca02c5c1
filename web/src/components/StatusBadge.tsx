import { useI18n, type MessageKey } from '../i18n';

/** Statuses with a translated name; others (from old archives) show as they are stored. */
export const KNOWN_STATUSES = [
  'unanswered',
  'answered',
  'waiting-for-human',
  'resolved',
  'closed',
] as const;

/** Returns the translated name of a status. */
export function useStatusLabel(): (status: string) => string {
  const { t } = useI18n();
  return (status) =>
    (KNOWN_STATUSES as readonly string[]).includes(status)
      ? t(`status.${status}` as MessageKey)
      : status;
}

/** Renders a colored label of a case's status. */
export function StatusBadge({ status }: { status: string }) {
  const label = useStatusLabel();
  return <span className={`badge badge-status-${status}`}>{label(status)}</span>;
}
