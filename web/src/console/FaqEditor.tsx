import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FaqEntry, FaqStatus } from '../api/types';
import { useI18n, type I18n } from '../i18n';

/** Limits of the API's FAQ entry: steps per entry, and characters per step. */
const MAX_STEPS = 20;
const MAX_STEP_LENGTH = 1000;

/** Splits the steps text into one step per non-blank line. */
function parseSteps(text: string): string[] {
  return text
    .split('\n')
    .map((step) => step.trim())
    .filter(Boolean);
}

/** Returns why the steps would be rejected by the API, or '' when they are valid. */
function stepsProblem(steps: string[], t: I18n['t']): string {
  if (steps.length === 0) return t('faq.stepsBlank');
  if (steps.length > MAX_STEPS) return t('faq.stepsTooMany', { max: MAX_STEPS });
  if (steps.some((step) => step.length > MAX_STEP_LENGTH)) {
    return t('faq.stepTooLong', { max: MAX_STEP_LENGTH });
  }
  return '';
}

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

  const questionInput = useRef<HTMLInputElement>(null);
  const stepsInput = useRef<HTMLTextAreaElement>(null);

  // `required` accepts text of blanks only, which the API rejects once trimmed, so the trimmed
  // values are checked too. The browser then blocks either submit button and shows the message.
  useEffect(() => {
    questionInput.current?.setCustomValidity(question.trim() ? '' : t('faq.questionBlank'));
    stepsInput.current?.setCustomValidity(stepsProblem(parseSteps(steps), t));
  }, [question, steps, t]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = { question: question.trim(), steps: parseSteps(steps) };
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const approve = submitter instanceof HTMLButtonElement && submitter.value === 'approve';
    onSave(approve ? { ...changes, status: 'approved' } : changes);
  };

  return (
    <form className="form" onSubmit={submit}>
      <label className="field">
        <span className="field-label">{t('faq.question')}</span>
        <input
          ref={questionInput}
          value={question}
          required
          maxLength={500}
          onChange={(event) => setQuestion(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('faq.steps')}</span>
        <textarea
          ref={stepsInput}
          value={steps}
          rows={6}
          required
          onChange={(event) => setSteps(event.target.value)}
        />
        <span className="field-hint">{t('faq.stepsHint')}</span>
      </label>
      <div className="form-actions">
        {/* Both buttons submit the form, so the browser checks the fields before either saves. */}
        <button
          type="submit"
          name="intent"
          value="save"
          className="button button-small"
          disabled={busy}
        >
          {t('common.save')}
        </button>
        <button
          type="submit"
          name="intent"
          value="approve"
          className="button button-primary button-small"
          disabled={busy}
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
