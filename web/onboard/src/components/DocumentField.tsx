import { useCallback, useEffect, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, formatSize } from '../lib/documents';
import '../styles/documents-selfie-aadhaar.css';
import { documentMessages } from './document-messages';

/** The chosen file, checked in the browser before it is sent, with a blob: URL for its preview. */
export interface ChosenDocument {
  file: File;
  url: string;
}

/** The file a form will send, once checked against the service's limits, and the message if it failed. */
export function useDocumentChoice() {
  const t = useT(documentMessages);
  const [chosen, setChosen] = useState<ChosenDocument>();
  const [error, setError] = useState<string>();

  // The preview's blob: URL lives as long as the file is the chosen one.
  useEffect(() => () => chosen && URL.revokeObjectURL(chosen.url), [chosen]);

  const choose = useCallback(
    (files: FileList | null) => {
      const file = files?.[0];
      if (!file) return;
      if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) {
        setError(t('wrongType'));
        return;
      }
      if (file.size > DOCUMENT_MAX_BYTES) {
        setError(t('tooLarge', { size: formatSize(file.size) }));
        return;
      }
      setError(undefined);
      setChosen({ file, url: URL.createObjectURL(file) });
    },
    [t],
  );

  return { chosen, error, setError, choose, wrongType: t('wrongType') };
}
export type DocumentChoice = ReturnType<typeof useDocumentChoice>;

/**
 * A document to upload: its label and hint, the saved copy (a link) if there is one, the file picker,
 * the error (announced) and a preview of the chosen file. The file's own message shows here, not
 * through the form.
 */
export function DocumentField({
  id,
  label,
  hint,
  choice,
  saved,
  serverError,
}: {
  id: string;
  label: string;
  hint: string;
  choice: DocumentChoice;
  /** The saved copy: its link and the sentences around it. */
  saved?: { url: string; intro: string; linkText: string; keep: string } | undefined;
  serverError?: string | undefined;
}) {
  const t = useT(documentMessages);
  const { chosen } = choice;
  const error = choice.error ?? serverError;
  return (
    <div
      className="field file-field"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-hint`}
    >
      <span id={`${id}-label`} className="field-label">
        {label}
      </span>
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
      {saved && !chosen && (
        <p className="saved-file">
          {saved.intro}
          <a href={saved.url} target="_blank" rel="noopener noreferrer">
            {saved.linkText}
          </a>
          <br />
          <span className="field-hint">{saved.keep}</span>
        </p>
      )}
      <FileTrigger acceptedFileTypes={[...DOCUMENT_TYPES]} onSelect={choice.choose}>
        <Button variant="secondary">{t(chosen || saved ? 'changeFile' : 'chooseFile')}</Button>
      </FileTrigger>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {chosen && (
        <div className="file-preview">
          <p role="status">{t('chosen', { name: chosen.file.name, size: formatSize(chosen.file.size) })}</p>
          {chosen.file.type === 'application/pdf' ? (
            <object data={chosen.url} type="application/pdf" aria-label={t('preview')}>
              <p>{t('pdfFallback')}</p>
            </object>
          ) : (
            <img src={chosen.url} alt={t('preview')} />
          )}
        </div>
      )}
    </div>
  );
}
