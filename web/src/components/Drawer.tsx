import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

/** Props of {@link Drawer}. */
export interface DrawerProps {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * Renders a panel over the right side of the page (full width on phones). The close button, a
 * click on the backdrop and Escape close it, and focus moves into it when it opens.
 */
export function Drawer({ title, onClose, children }: DrawerProps) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);

  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <div
        ref={panel}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="drawer-header">
          <h2>{title}</h2>
          <button type="button" className="button button-ghost button-small" onClick={onClose}>
            {t('common.close')}
          </button>
        </header>
        <div className="drawer-body">{children}</div>
      </div>
    </div>
  );
}
