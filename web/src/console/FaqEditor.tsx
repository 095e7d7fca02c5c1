import { useState, type FormEvent } from 'react';
import type { FaqEntry, FaqStatus } from '../api/types';
import { useI18n } from '../i18n';

/** Props of {@link FaqEditor}. */
export interface FaqEditorProps {
  entry: FaqEntry;
  busy: boolean;
  onSave(changes: { status?: FaqStatus; question?: string; steps?: string[] }): void;
  onCancel(): void;
}

/** Edits an entry's question and steps (one step per line), optionally approving it at once. */
export function FaqEditor({ entry, busy, onSave, onCancel }: FaqEditorProps) {
  const { t } = useI18n();
  const [question, setQuestion] = useState(entry.question);
  const [steps, setSteps] = useState(entry.steps.join('\n'));

  const changes = () => ({
    question: question.trim(),
    steps: steps
      .split('\n')
      .map((step) => step.trim())
      .filter(Boolean),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(changes());
  };

  return (
    <form className="form" onSubmit={submit}>
      <label className="field">
        <span className="field-label">{t('faq.question')}</span>
        <input
          value={question}
          required
          maxLength={500}
          onChange={(event) => setQuestion(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('faq.steps')}</span>
        <textarea
          value={steps}
          rows={6}
          required
          onChange={(event) => setSteps(event.target.value)}
        />
        <span className="field-hint">{t('faq.stepsHint')}</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-small" disabled={busy}>
          {t('common.save')}
        </button>
        <button
          type="button"
          className="button button-primary button-small"
          disabled={busy}
          onClick={() => onSave({ ...changes(), status: 'approved' })}
        >
          {t('faq.saveApprove')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
