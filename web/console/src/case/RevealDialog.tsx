import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, FormAlert, TextField } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { useServerFormErrors } from '../../../shared/src/lib/form-errors';
import { ProblemError, useProblemText } from '../../../shared/src/lib/problems';
import { api, call } from '../../../shared/src/api/client';
import { caseMessages } from './messages';
import type { RevealField } from './types';

export interface RevealTarget {
  field: RevealField;
  index?: number;
  /** What is revealed, in words: "PAN", "Bank account 1". */
  label: string;
}

const needsSecondFactor = (error: unknown) =>
  error instanceof ProblemError && error.problem.code === 'second_factor_required';

/**
 * Asks why, reveals the full value (audited by the service), and when the service wants a recent
 * second factor, asks for the authenticator's code, checks it (step-up) and reveals again.
 */
export function RevealDialog({
  caseId,
  target,
  onClose,
  onRevealed,
}: {
  caseId: string;
  target: RevealTarget;
  onClose: () => void;
  onRevealed: (value: string) => void;
}) {
  const t = useT(caseMessages);
  const text = useProblemText();
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string>();
  const reveal = useMutation({
    mutationFn: (why: string) =>
      call(
        api.POST('/v1/review/cases/{caseId}/reveal', {
          params: { path: { caseId } },
          body: {
            field: target.field,
            ...(target.index !== undefined ? { index: target.index } : {}),
            reason: why,
          },
        }),
      ),
    onSuccess: (answer) => {
      setValue(answer.data.value);
      onRevealed(answer.data.value);
    },
  });
  const stepUp = useMutation({
    mutationFn: (code: string) => call(api.POST('/v1/auth/mfa/step-up', { body: { code } })),
    onSuccess: () => reveal.mutate(reason),
  });
  const askCode = needsSecondFactor(reveal.error) || stepUp.isPending || stepUp.isError;
  const { errors, edit } = useServerFormErrors(reveal.error);

  return (
    <ModalOverlay isOpen isDismissable onOpenChange={(open) => !open && onClose()} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('revealTitle', { what: target.label })}</Heading>
          {value ? (
            <>
              <p>{t('revealedValue', { what: target.label })}</p>
              <p className="revealed mono" data-testid="revealed-value">
                {value}
              </p>
              <Button onPress={onClose}>{t('close')}</Button>
            </>
          ) : askCode ? (
            <Form
              className="form"
              validationBehavior="aria"
              onSubmit={(event) => {
                event.preventDefault();
                stepUp.mutate(String(new FormData(event.currentTarget).get('code')).trim());
              }}
            >
              <p>{t('stepUpIntro')}</p>
              <FormAlert message={stepUp.error ? text.problem(stepUp.error) : undefined} />
              <TextField
                name="code"
                label={t('stepUpCode')}
                autoComplete="one-time-code"
                autoFocus
                isRequired
              />
              <div className="button-row">
                <Button type="submit" isPending={stepUp.isPending || reveal.isPending}>
                  {t('stepUpSubmit')}
                </Button>
                <Button variant="secondary" onPress={onClose}>
                  {t('cancel')}
                </Button>
              </div>
            </Form>
          ) : (
            <Form
              className="form"
              validationBehavior="aria"
              validationErrors={errors}
              onSubmit={(event) => {
                event.preventDefault();
                reveal.mutate(reason.trim());
              }}
            >
              <p>{t('revealIntro')}</p>
              <FormAlert message={reveal.error ? text.problem(reveal.error) : undefined} />
              <TextField
                name="reason"
                label={t('revealReason')}
                description={t('revealReasonHint')}
                value={reason}
                onChange={(value) => {
                  edit('reason');
                  setReason(value);
                }}
                minLength={10}
                maxLength={500}
                autoFocus
                isRequired
              />
              <div className="button-row">
                <Button type="submit" isPending={reveal.isPending}>
                  {reveal.isPending ? t('revealing') : t('revealSubmit')}
                </Button>
                <Button variant="secondary" onPress={onClose}>
                  {t('cancel')}
                </Button>
              </div>
            </Form>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
