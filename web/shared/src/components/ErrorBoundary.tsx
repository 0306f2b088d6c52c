import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { defineMessages, useT } from '../i18n/i18n';
import { Button } from './fields';

const messages = defineMessages(
  {
    title: 'This page could not be shown',
    body: 'Your saved details are safe. Reload the page to carry on; if it happens again, try a little later.',
    reload: 'Reload the page',
  },
  {
    title: 'यह पेज दिखाया नहीं जा सका',
    body: 'आपकी सेव की गई जानकारी सुरक्षित है। आगे बढ़ने के लिए पेज फिर से लोड करें; फिर से ऐसा हो तो थोड़ी देर बाद कोशिश करें।',
    reload: 'पेज फिर से लोड करें',
  },
);

function CrashNotice() {
  const t = useT(messages);
  return (
    <div className="card" role="alert">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <Button onPress={() => window.location.reload()}>{t('reload')}</Button>
    </div>
  );
}

/**
 * A render error, or a step's code that no longer loads (a deployment replaced it mid-journey), shows a
 * way out instead of a blank page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('onboarding page failed', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <CrashNotice /> : this.props.children;
  }
}
