import { useState } from 'react';
import { listCategories, updateCase } from '../api/cases';
import type { CaseDetail, CategoryPrediction } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n';
import { categoryLabel } from '../lib/categories';
import { formatPercent } from '../lib/format';
import { useApi } from '../lib/useApi';
import { ConfidenceMeter } from './ConfidenceMeter';

/** Alternatives below this confidence are left out; the picker still offers every category. */
const MIN_SUGGESTED_CONFIDENCE = 0.01;

/** Origins of a case's category, each with a translated sentence. */
const CATEGORY_SOURCES = ['archive', 'transcript', 'predicted', 'customer', 'agent'] as const;
type CategorySource = (typeof CATEGORY_SOURCES)[number];

function isKnownSource(source: string | null | undefined): source is CategorySource {
  return (CATEGORY_SOURCES as readonly (string | null | undefined)[]).includes(source);
}

interface Choice {
  product: string;
  type: string;
  confidence?: number;
}

// Alternatives may carry only a label such as `CDN｜配置问题`; the full-width bar separates parts.
function toChoice(option: { label: string; product?: string; type?: string; confidence: number }) {
  const [product = option.label, type = ''] = option.label.split('｜');
  return {
    product: option.product ?? product,
    type: option.type ?? type,
    confidence: option.confidence,
  };
}

/** Props of {@link CategorySection}. */
export interface CategorySectionProps {
  item: CaseDetail;
  category: CategoryPrediction | null;
  onChanged(): void;
}

/** Renders the case's category beside the prediction, with one-click override to a suggestion. */
export function CategorySection({ item, category, onChanged }: CategorySectionProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [picking, setPicking] = useState(false);
  const current = categoryLabel(item.product, item.type);

  const apply = async (choice: Choice) => {
    setBusy(true);
    setError(null);
    try {
      await updateCase(item.id, { product: choice.product, type: choice.type });
      setPicking(false);
      onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const suggestions = category
    ? [toChoice(category), ...category.alternatives.map(toChoice)].filter(
        (choice) =>
          categoryLabel(choice.product, choice.type) !== current &&
          choice.confidence >= MIN_SUGGESTED_CONFIDENCE,
      )
    : [];

  return (
    <div className="triage-section">
      <h3 className="section-title">{t('triage.category')}</h3>
      <p className="triage-value" data-testid="case-category">
        {current}
      </p>
      {isKnownSource(item.categorySource) && (
        <p className="muted small">{t(`categorySource.${item.categorySource}`)}</p>
      )}
      {category && (
        <div className="prediction">
          <span className="muted small">{t('triage.predicted', { label: category.label })}</span>
          <ConfidenceMeter value={category.confidence} />
        </div>
      )}
      {suggestions.length > 0 && (
        <ul className="override-list">
          {suggestions.map((choice) => (
            <li key={categoryLabel(choice.product, choice.type)}>
              <span className="override-label">{categoryLabel(choice.product, choice.type)}</span>
              {choice.confidence !== undefined && (
                <span className="muted small">{formatPercent(choice.confidence)}</span>
              )}
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => apply(choice)}
              >
                {t('triage.category.apply')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {picking ? (
        <CategoryPicker
          current={item}
          busy={busy}
          onPick={apply}
          onCancel={() => setPicking(false)}
        />
      ) : (
        <button type="button" className="link-button small" onClick={() => setPicking(true)}>
          {t('triage.category.other')}
        </button>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

interface CategoryPickerProps {
  current: Choice;
  busy: boolean;
  onPick(choice: Choice): void;
  onCancel(): void;
}

function CategoryPicker({ current, busy, onPick, onCancel }: CategoryPickerProps) {
  const { t } = useI18n();
  const categories = useApi(listCategories, 'categories');
  const [value, setValue] = useState(categoryLabel(current.product, current.type));
  const options = (categories.data ?? []).map((entry) => categoryLabel(entry.product, entry.type));

  return (
    <div className="category-picker">
      <select
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-label={t('triage.category.other')}
      >
        {!options.includes(value) && <option value={value}>{value}</option>}
        {options.map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </select>
      <div className="category-picker-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={busy}
          onClick={() => onPick(toChoice({ label: value, confidence: 0 }))}
        >
          {t('common.save')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
