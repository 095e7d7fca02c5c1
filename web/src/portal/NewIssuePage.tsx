import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createCase, listCategories } from '../api/cases';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n';
import { typesOf, uniqueProducts } from '../lib/categories';
import { useApi } from '../lib/useApi';
import { FaqSuggestions } from './FaqSuggestions';

/** Limits of the API's new-case body, in characters. */
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 20_000;

/** Renders the customer's issue form and the FAQ entries that match what they type. */
export function NewIssuePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const categories = useApi(listCategories, 'categories');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [product, setProduct] = useState('');
  const [type, setType] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const products = uniqueProducts(categories.data ?? []);
  const types = product ? typesOf(categories.data ?? [], product) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Product and type go together; without both the API predicts the category.
      const category = product && type ? { product, type } : {};
      const created = await createCase({ title: title.trim(), description, ...category });
      navigate(`/portal/cases/${created.case.id}`, { state: { created: true } });
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <section className="new-issue">
      <header className="page-header">
        <div>
          <h1>{t('portal.newIssue')}</h1>
          <p>{t('portal.newIssueHint')}</p>
        </div>
      </header>
      <div className="new-issue-layout">
        <form
          id="new-issue-form"
          className="new-issue-fields form card card-body"
          onSubmit={submit}
        >
          <label className="field">
            <span className="field-label">{t('portal.issueTitle')}</span>
            <input
              name="title"
              required
              maxLength={MAX_TITLE}
              value={title}
              placeholder={t('portal.issueTitlePlaceholder')}
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t('filter.product')}</span>
              <select
                name="product"
                value={product}
                onChange={(event) => {
                  setProduct(event.target.value);
                  setType('');
                }}
              >
                <option value="">{t('portal.notSure')}</option>
                {products.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('filter.type')}</span>
              <select
                name="type"
                value={type}
                disabled={!product}
                required={Boolean(product)}
                onChange={(event) => setType(event.target.value)}
              >
                <option value="">{product ? t('portal.pickType') : t('portal.notSure')}</option>
                {types.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span className="field-label">{t('portal.description')}</span>
            <textarea
              name="description"
              required
              rows={10}
              maxLength={MAX_DESCRIPTION}
              value={description}
              placeholder={t('portal.descriptionPlaceholder')}
              onChange={(event) => setDescription(event.target.value)}
            />
            <span className="field-hint">{t('portal.descriptionHint')}</span>
          </label>
        </form>
        {/* Outside the form so that on phones the suggestions sit between the text and the button. */}
        <FaqSuggestions draft={`${title}\n${description}`} />
        <div className="new-issue-actions">
          {error !== null && <ErrorNotice error={error} />}
          <button
            type="submit"
            form="new-issue-form"
            className="button button-primary"
            disabled={busy}
          >
            {busy ? t('portal.submitting') : t('portal.submit')}
          </button>
        </div>
      </div>
    </section>
  );
}
