import { useI18n } from '../i18n';

/** Toggles the UI between Chinese and English. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <button
      type="button"
      className="button button-ghost button-small"
      onClick={() => setLanguage(next)}
      aria-label={t('language.switch')}
      lang={next}
    >
      {next === 'en' ? 'EN' : '中文'}
    </button>
  );
}
