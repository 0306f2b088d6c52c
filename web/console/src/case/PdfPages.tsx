import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../shared/src/i18n/i18n';
import { caseMessages } from './messages';

GlobalWorkerOptions.workerSrc = workerUrl;

const MAX_PAGES = 20;
const WIDTH_PX = 800;

/**
 * A PDF's pages drawn into canvases in the page (PDF.js, loaded only when a PDF is opened): nothing is
 * downloaded, and the console's CSP needs no plugin or frame.
 */
export default function PdfPages({ url, name }: { url: string; name: string }) {
  const t = useT(caseMessages);
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number } | 'loading' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    const task = getDocument({ url, isEvalSupported: false, withCredentials: false });
    void (async () => {
      try {
        const pdf = await task.promise;
        const pages = Math.min(pdf.numPages, MAX_PAGES);
        const canvases: HTMLCanvasElement[] = [];
        for (let number = 1; number <= pages; number += 1) {
          const page = await pdf.getPage(number);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: WIDTH_PX / base.width });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('pdfPage', { name, page: number, pages: pdf.numPages }));
          canvas.className = 'pdf-page';
          await page.render({ canvas, viewport }).promise;
          canvases.push(canvas);
        }
        if (cancelled || !container.current) return;
        container.current.replaceChildren(...canvases);
        setState({ pages: pdf.numPages });
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url, name, t]);

  return (
    <div className="pdf-view">
      {state === 'loading' && <p role="status">{t('pdfLoading')}</p>}
      {state === 'failed' && <p role="alert">{t('pdfFailed')}</p>}
      <div ref={container} className="pdf-pages" data-testid="pdf-pages" />
    </div>
  );
}
