import { Suspense, lazy } from 'react';
import type { ComponentType } from 'react';
import { ErrorBoundary } from '../../../shared/src/components/ErrorBoundary';
import { useT } from '../../../shared/src/i18n/i18n';
import { journeyMessages } from '../journey/messages';
import type { StepProps } from '../journey/step-props';

function Loading() {
  const t = useT(journeyMessages);
  return <p role="status">{t('loading')}</p>;
}

/**
 * A step loaded when first opened, keeping its widgets (Select, NumberField…) out of the first screen's
 * JavaScript: `lazyStep(() => import('./bank/BankStep').then((m) => m.BankStep))`.
 */
export function lazyStep(load: () => Promise<ComponentType<StepProps>>): ComponentType<StepProps> {
  const Step = lazy(async () => ({ default: await load() }));
  return function LazyStep(props: StepProps) {
    return (
      <ErrorBoundary>
        <Suspense fallback={<Loading />}>
          <Step {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  };
}
