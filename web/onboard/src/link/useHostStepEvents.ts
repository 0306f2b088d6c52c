import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { isStepId } from '../journey/steps';
import { postToHost } from './link-session';

/** In embedded mode, tells the host page each step the customer opens (`pehchan:step`). */
export function useHostStepEvents(): void {
  const [location] = useLocation();
  useEffect(() => {
    const step = /^\/steps\/([a-z]+)$/.exec(location)?.[1];
    if (step && isStepId(step)) postToHost({ type: 'pehchan:step', step });
  }, [location]);
}
