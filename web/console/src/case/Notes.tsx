import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FieldError, Form, Label, TextArea, TextField } from 'react-aria-components';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { useProblemText } from '../../../shared/src/lib/problems';
import { api, call } from '../../../shared/src/api/client';
import { caseMessages } from './messages';
import type { CaseView } from './types';

/** Internal notes (never shown to the customer): the list, oldest first, and a form to add one. */
export function Notes({ view, caseId }: { view: CaseView; caseId: string }) {
  const t = useT(caseMessages);
  const text = useProblemText();
  const date = useDateFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const add = useMutation({
    mutationFn: (note: string) =>
      call(
        api.POST('/v1/review/cases/{caseId}/notes', { params: { path: { caseId } }, body: { text: note } }),
      ),
    onSuccess: () => {
      setDraft('');
      void queryClient.invalidateQueries({ queryKey: ['review-case', caseId] });
    },
  });
  const { errors, edit } = useServerFormErrors(add.error);
  const notes = view.notes;
  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes')}</h2>
      {notes.length === 0 ? (
        <p className="muted">{t('noNotes')}</p>
      ) : (
        <ul className="notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p>{note.text}</p>
              <p className="hint">
                {note.author.name ?? '—'} · <time dateTime={note.at}>{date(note.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form
        className="form"
        validationBehavior="aria"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) add.mutate(draft.trim());
        }}
      >
        <FormAlert message={add.error ? text.problem(add.error) : undefined} />
        <p role="status" className="notice">
          {add.isSuccess ? t('noteAdded') : ''}
        </p>
        <TextField
          name="text"
          className="field"
          value={draft}
          onChange={(value) => {
            edit('text');
            setDraft(value);
          }}
          maxLength={2000}
          isRequired
        >
          <Label>{t('noteText')}</Label>
          <TextArea rows={3} />
          <FieldError className="field-error" />
        </TextField>
        <div className="button-row">
          <Button type="submit" variant="secondary" isPending={add.isPending}>
            {t('saveNote')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
