import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { commonMessages } from './common-messages';
import './admin.css';

/** The problem's text for an admin: the shared table, plus the codes only admin routes answer with. */
export function useAdminProblem(): (error: unknown) => string {
  const { problem } = useProblemText();
  const t = useT(commonMessages);
  return useCallback(
    (error: unknown) =>
      error instanceof ProblemError && error.problem.code === 'own_account'
        ? t('ownAccount')
        : problem(error),
    [problem, t],
  );
}

/** A query's waiting and failed states, or its content. */
export function QueryState({
  isPending,
  error,
  onRetry,
  children,
}: {
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
}) {
  const t = useT(commonMessages);
  const problem = useAdminProblem();
  if (isPending) return <p role="status">{t('loading')}</p>;
  if (error)
    return (
      <div role="alert" className="form-alert admin-load-error">
        <p>
          {t('loadFailed')} {problem(error)}
        </p>
        <Button variant="secondary" onPress={onRetry}>
          {t('retry')}
        </Button>
      </div>
    );
  return <>{children}</>;
}

/**
 * A button that asks before it acts: a modal dialog naming what will happen, with the destructive
 * choice spelt out (not just "OK"). Escape or Cancel closes it with nothing done.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  body,
  confirmLabel,
  onConfirm,
  isPending,
}: {
  label: string;
  /** The button's name for screen readers when `label` alone is ambiguous in a list. */
  ariaLabel?: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
}) {
  const t = useT(commonMessages);
  return (
    <DialogTrigger>
      <Button variant="secondary" isPending={isPending} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal className="admin-modal" isDismissable>
        <Dialog className="admin-dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              <p>{body}</p>
              <div className="admin-actions">
                <Button variant="secondary" onPress={close}>
                  {t('cancel')}
                </Button>
                <Button
                  onPress={() => {
                    onConfirm();
                    close();
                  }}
                >
                  {confirmLabel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

/**
 * Cursor pagination: the cursors of the pages seen so far, so "previous" goes back without the
 * server keeping state. `reset()` when the filters change.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  return {
    cursor,
    page: cursors.length,
    next: (nextCursor: string) => setCursors((current) => [...current, nextCursor]),
    previous: () => setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current)),
    reset: () => setCursors([undefined]),
  };
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const t = useT(commonMessages);
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="admin-pager" aria-label={t('pageNumber', { page })}>
      <Button variant="secondary" isDisabled={page === 1} onPress={onPrevious}>
        {t('previousPage')}
      </Button>
      <span>{t('pageNumber', { page })}</span>
      <Button variant="secondary" isDisabled={!nextCursor} onPress={() => nextCursor && onNext(nextCursor)}>
        {t('nextPage')}
      </Button>
    </nav>
  );
}

/**
 * A table that scrolls sideways when the page is narrower than it: a named, focusable region, so
 * keyboard users can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="admin-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
