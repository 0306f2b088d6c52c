import { Suspense, lazy, useState } from 'react';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { caseMessages } from './messages';
import type { CaseView } from './types';

const PdfPages = lazy(() => import('./PdfPages'));

type Document = CaseView['documents'][number];

function isPdf(document: Document): boolean {
  return document.contentType
    ? document.contentType === 'application/pdf'
    : document.kind === 'client_master_copy';
}

/** The case's documents, each opened inline: images as they are, PDFs drawn page by page. */
export function Documents({ view }: { view: CaseView }) {
  const t = useT(caseMessages);
  const [open, setOpen] = useState<number[]>([]);
  const nameOf = (document: Document) => (document.kind === 'selfie' ? t('selfieDoc') : t(document.kind));
  return (
    <section className="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents')}</h2>
      {view.documents.length === 0 && <p>{t('noDocuments')}</p>}
      <ul className="documents">
        {view.documents.map((document, index) => {
          const shown = open.includes(index);
          const name = nameOf(document);
          return (
            <li key={`${document.kind}-${index}`}>
              <div className="button-row">
                <strong>{name}</strong>
                <Button
                  variant="secondary"
                  aria-expanded={shown}
                  aria-label={`${shown ? t('hide') : t('open')}: ${name}`}
                  onPress={() =>
                    setOpen((current) =>
                      shown ? current.filter((each) => each !== index) : [...current, index],
                    )
                  }
                >
                  {shown ? t('hide') : t('open')}
                </Button>
              </div>
              {shown &&
                (isPdf(document) ? (
                  <Suspense fallback={<p role="status">{t('pdfLoading')}</p>}>
                    <PdfPages url={document.url} name={name} />
                  </Suspense>
                ) : (
                  <img className="document-image" src={document.url} alt={name} />
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
