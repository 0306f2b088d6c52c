import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, call } from '../../../shared/src/api/client';
import { endSession } from '../../../shared/src/api/session';
import { Button, FormAlert } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import type { ErasureOutcome } from './AccountClosed';
import { myDataMessages } from './my-data-messages';
import '../styles/summary-and-status.css';

type ExportFormat = 'json' | 'zip';

/** Hands a file made in the page to the browser's downloads. */
function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

/** The server could not prepare the ZIP (`failure` on the export): the customer may ask again. */
class BackgroundExportFailed extends Error {}

/** How often the page asks whether a ZIP prepared in the background is ready. */
const BACKGROUND_POLL_MS = 2000;

/** The ZIP of an account whose files are too large to zip during one request: prepared by the server's job. */
async function backgroundZip(onPreparing: () => void): Promise<Blob> {
  let view = (await call(api.POST('/v1/me/exports'))).data;
  onPreparing();
  while (view.status === 'pending') {
    await new Promise((resolve) => setTimeout(resolve, BACKGROUND_POLL_MS));
    const path = { exportId: view.id };
    view = (await call(api.GET('/v1/me/exports/{exportId}', { params: { path } }))).data;
  }
  if (view.status === 'failed') throw new BackgroundExportFailed();
  return call(
    api.GET('/v1/me/exports/{exportId}/download', {
      params: { path: { exportId: view.id } },
      parseAs: 'blob',
    }),
  );
}

async function downloadExport(format: ExportFormat, onPreparing: () => void): Promise<void> {
  if (format === 'zip') {
    const archive = await call(
      api.GET('/v1/me/export', { params: { query: { format: 'zip' } }, parseAs: 'blob' }),
    ).catch((error: unknown) => {
      if (error instanceof ProblemError && error.problem.code === 'export_too_large')
        return backgroundZip(onPreparing);
      throw error;
    });
    saveFile(archive, 'pehchan-export.zip');
    return;
  }
  const exported = await call(api.GET('/v1/me/export'));
  // The described 200 also covers the ZIP's body; without `format=zip` the answer is the JSON.
  if (typeof exported === 'string') throw new Error('The export answered with something other than JSON');
  // The document alone, indented as the ZIP's copy: a person may well open it in a text editor.
  saveFile(
    new Blob([JSON.stringify(exported.data, null, 2)], { type: 'application/json' }),
    'pehchan-export.json',
  );
}

function Download() {
  const t = useT(myDataMessages);
  const text = useProblemText();
  // The files are large: the server prepares the ZIP in the background and the page waits for it.
  const [inBackground, setInBackground] = useState(false);
  const download = useMutation({
    mutationFn: (format: ExportFormat) => downloadExport(format, () => setInBackground(true)),
    onMutate: () => setInBackground(false),
  });
  const pendingFormat = download.isPending ? download.variables : undefined;
  // The limit is a few exports a day: the generic "wait a little" would only earn the same answer.
  const problem = (error: unknown) =>
    error instanceof BackgroundExportFailed
      ? t('backgroundFailed')
      : error instanceof ProblemError && error.problem.code === 'rate_limited'
        ? t('tooManyExports')
        : text.problem(error);
  const progress = inBackground ? t('preparingInBackground') : t('preparing');
  const start = (format: ExportFormat) => {
    if (!download.isPending) download.mutate(format);
  };
  return (
    <section aria-labelledby="download-title" className="my-data-section">
      <h2 id="download-title">{t('downloadTitle')}</h2>
      <p>{t('downloadIntro')}</p>
      <FormAlert message={download.error ? problem(download.error) : undefined} />
      {/* Kept in the page so that screen readers hear the message appear in it. */}
      <p role="status" className="my-data-progress">
        {download.isPending ? progress : download.isSuccess ? t('downloaded') : ''}
      </p>
      <div className="actions">
        <Button onPress={() => start('json')} isPending={pendingFormat === 'json'}>
          {t('downloadJson')}
        </Button>
        <Button variant="secondary" onPress={() => start('zip')} isPending={pendingFormat === 'zip'}>
          {t('downloadZip')}
        </Button>
      </div>
    </section>
  );
}

function Erase() {
  const t = useT(myDataMessages);
  const text = useProblemText();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  // The pressed button is gone after each step: focus goes to what replaced it.
  const [focusTarget, setFocusTarget] = useState<'confirm' | 'section' | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    (focusTarget === 'confirm' ? confirmHeading : sectionHeading).current?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const erase = useMutation({
    mutationFn: async () => (await call(api.POST('/v1/me/erasure'))).data,
    onSuccess: ({ status, holdUntil }) => {
      // The server already ended every session of the account, so there is no logout to ask for: the
      // page forgets its token, on a page open to the signed-out.
      const outcome: ErasureOutcome = { status, holdUntil };
      navigate('/account-closed', { state: outcome });
      endSession();
    },
  });
  return (
    <section aria-labelledby="erase-title" className="my-data-section">
      <h2 id="erase-title" ref={sectionHeading} tabIndex={-1}>
        {t('eraseTitle')}
      </h2>
      <p>{t('eraseIntro')}</p>
      {confirming ? (
        <div className="erase-confirm" role="group" aria-labelledby="erase-confirm-title">
          <h3 id="erase-confirm-title" ref={confirmHeading} tabIndex={-1}>
            {t('confirmTitle')}
          </h3>
          <p>{t('confirmText')}</p>
          <FormAlert message={erase.error ? text.problem(erase.error) : undefined} />
          <div className="actions">
            <Button onPress={() => erase.mutate()} isPending={erase.isPending}>
              {erase.isPending ? t('erasing') : t('confirmErase')}
            </Button>
            <Button
              variant="secondary"
              isDisabled={erase.isPending}
              onPress={() => {
                erase.reset();
                setConfirming(false);
                setFocusTarget('section');
              }}
            >
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <Button
            variant="secondary"
            onPress={() => {
              setConfirming(true);
              setFocusTarget('confirm');
            }}
          >
            {t('erase')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** `/onboard/my-data`: the customer's DPDP rights, access (the export) and erasure (closing the account). */
export function MyDataPage() {
  const t = useT(myDataMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${t('title')} · Pehchan KYC`;
  }, [t]);
  return (
    <div className="card narrow my-data">
      <h1 ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p>{t('holds')}</p>
      <p>{t('rights')}</p>
      <Download />
      <Erase />
      <p>
        <Link href="/">{t('backToApplication')}</Link>
      </p>
    </div>
  );
}
