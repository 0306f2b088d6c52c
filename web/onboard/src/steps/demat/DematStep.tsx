import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Button, ChoiceField, FormAlert, TextField } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { journeyMessages } from '../../journey/messages';
import { useSaveProfile } from '../../journey/profile';
import type { UpdateDataBody } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useProblemText } from '../../../../shared/src/lib/problems';
import '../../styles/documents-selfie-aadhaar.css';
import { DocumentField, useDocumentChoice } from '../../components/DocumentField';
import { readAsDataUrl } from '../../lib/documents';
import { dematMessages } from './messages';

type Depository = 'NSDL' | 'CDSL';
type DematInput = NonNullable<UpdateDataBody['dematDetails']>[number];

const DP_ID = { NSDL: /^IN[0-9]{6}$/, CDSL: /^[0-9]{8}$/ } as const;
const BO_ID = { NSDL: /^IN[0-9]{14}$/, CDSL: /^[0-9]{16}$/ } as const;
const CLIENT_ID = /^[0-9]{8}$/;

/**
 * The primary demat account and its client master copy. The copy is sent inline (base64) with the
 * section; a saved copy is kept by its document id until another file is chosen.
 */
export function DematStep({ profile, onSaved }: StepProps) {
  const t = useT(dematMessages);
  const tj = useT(journeyMessages);
  const save = useSaveProfile();
  const text = useProblemText();
  const saved = profile.dematDetails.find((entry) => entry.primary) ?? profile.dematDetails[0];
  const [depository, setDepository] = useState<Depository>(saved?.depository === 'CDSL' ? 'CDSL' : 'NSDL');
  const copy = useDocumentChoice();
  const { chosen, setError: setFileError } = copy;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [reading, setReading] = useState(false);

  const serverErrors = text.fields(save.error, 'dematDetails');
  // The file's own message shows beside the file picker, not through the form.
  const { clientMasterCopy: serverCopyError, ...serverFieldErrors } = serverErrors;
  const validationErrors = { ...serverFieldErrors, ...clientErrors };

  const check = (dpID: string, clientID: string): Record<string, string> => {
    const errors: Record<string, string> = {};
    const boId = BO_ID[depository].test(clientID);
    if (!clientID) errors.clientID = t('needClientID');
    else if (!boId && !CLIENT_ID.test(clientID)) errors.clientID = t('badClientID');
    if (!dpID && !boId) errors.dpID = t('needDpID');
    else if (dpID && !DP_ID[depository].test(dpID))
      errors.dpID = t(depository === 'NSDL' ? 'badDpIDNSDL' : 'badDpIDCDSL');
    return errors;
  };

  return (
    <Form
      className="form"
      validationBehavior="aria"
      validationErrors={validationErrors}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const value = (name: string) =>
          String(form.get(name) ?? '')
            .trim()
            .toUpperCase();
        const dpID = value('dpID');
        const clientID = value('clientID');
        const errors = check(dpID, clientID);
        setClientErrors(errors);
        const keptCopy = saved?.clientMasterCopy?._id;
        if (!chosen && !keptCopy) setFileError(t('needFile'));
        if (Object.keys(errors).length > 0 || (!chosen && !keptCopy)) return;
        setReading(true);
        void (chosen ? readAsDataUrl(chosen.file) : Promise.resolve(keptCopy!))
          .then((clientMasterCopy) => {
            const primary: DematInput = {
              ...(saved ? { _id: saved._id } : {}),
              depository,
              ...(dpID ? { dpID } : {}),
              clientID,
              primary: true,
              clientMasterCopy,
            };
            // The section is replaced as a whole: accounts saved elsewhere are sent back as they are.
            const others: DematInput[] = profile.dematDetails
              .filter((entry) => entry._id !== saved?._id)
              .map((entry) => ({
                _id: entry._id,
                depository: entry.depository,
                dpID: entry.dpID,
                clientID: entry.clientID,
                primary: false,
                clientMasterCopy: entry.clientMasterCopy?._id ?? null,
              }));
            save.mutate({ dematDetails: [primary, ...others] }, { onSuccess: onSaved });
          })
          .catch(() => setFileError(copy.wrongType))
          .finally(() => setReading(false));
      }}
    >
      <p>{t('intro')}</p>
      <FormAlert message={save.error ? text.problem(save.error) : undefined} />
      <ChoiceField
        name="depository"
        label={t('depository')}
        value={depository}
        onChange={(next) => setDepository(next === 'CDSL' ? 'CDSL' : 'NSDL')}
        choices={[
          { value: 'NSDL', label: t('nsdl') },
          { value: 'CDSL', label: t('cdsl') },
        ]}
        isRequired
      />
      <TextField
        name="dpID"
        label={t('dpID')}
        description={t(depository === 'NSDL' ? 'dpIDHintNSDL' : 'dpIDHintCDSL')}
        defaultValue={saved?.dpID ?? ''}
        autoComplete="off"
        maxLength={8}
        onChange={() => setClientErrors(({ dpID: _dp, ...rest }) => rest)}
      />
      <TextField
        name="clientID"
        label={t('clientID')}
        description={t('clientIDHint')}
        defaultValue={saved?.clientID ?? ''}
        autoComplete="off"
        inputMode="text"
        maxLength={16}
        isRequired
        onChange={() => setClientErrors(({ clientID: _id, ...rest }) => rest)}
      />
      <DocumentField
        id="master-copy"
        label={t('masterCopy')}
        hint={t('masterCopyHint')}
        choice={copy}
        saved={
          saved?.clientMasterCopy
            ? {
                url: saved.clientMasterCopy.url,
                intro: t('saved'),
                linkText: t('openSaved'),
                keep: t('keepSaved'),
              }
            : undefined
        }
        serverError={serverCopyError}
      />
      <Button type="submit" isPending={save.isPending || reading}>
        {save.isPending || reading ? tj('saving') : tj('saveContinue')}
      </Button>
    </Form>
  );
}
