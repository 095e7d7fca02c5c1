import type { SimilarCase } from '../api/types';
import { useI18n } from '../i18n';
import { formatPercent } from '../lib/format';

/** Past cases like this one; each opens in a drawer without leaving the case. */
export function SimilarCasesSection({
  similar,
  onOpen,
}: {
  similar: SimilarCase[];
  onOpen(similar: SimilarCase): void;
}) {
  const { t } = useI18n();
  // Refs are unique within a source only (each chat file has its T-1), so a ref that repeats in
  // the list shows its source too.
  const refCounts = new Map<string, number>();
  for (const hit of similar) refCounts.set(hit.ref, (refCounts.get(hit.ref) ?? 0) + 1);
  const label = (hit: SimilarCase) =>
    (refCounts.get(hit.ref) ?? 0) > 1 ? `${hit.source} · ${hit.ref}` : hit.ref;

  return (
    <div className="triage-section">
      <h3 className="section-title">{t('triage.similar')}</h3>
      {similar.length === 0 ? (
        <p className="muted">{t('triage.similar.none')}</p>
      ) : (
        <ul className="similar-list">
          {similar.map((hit) => (
            <li key={`${hit.source}/${hit.ref}`}>
              <button type="button" className="similar-item" onClick={() => onOpen(hit)}>
                <span className="similar-head">
                  <span className="similar-ref">{label(hit)}</span>
                  <span className="similar-title">{hit.title}</span>
                  <span className="similar-score">{formatPercent(hit.score)}</span>
                </span>
                <span className="category-tag">{hit.category}</span>
                {hit.snippet && <span className="similar-snippet">{hit.snippet}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
