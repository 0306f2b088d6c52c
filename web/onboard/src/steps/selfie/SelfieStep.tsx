import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { api, call } from '../../../../shared/src/api/client';
import { Button, FormAlert } from '../../../../shared/src/components/fields';
import { useT } from '../../../../shared/src/i18n/i18n';
import { KYC_STATUS_KEY, PROFILE_KEY, fetchProfile } from '../../journey/profile';
import type { Profile } from '../../journey/profile';
import type { StepProps } from '../../journey/step-props';
import { useFocusWhenShown } from '../../../../shared/src/lib/focus';
import { useProblemText } from '../../../../shared/src/lib/problems';
import '../../styles/documents-selfie-aadhaar.css';
import { formatSize } from '../../lib/documents';
import { ipvInstructionMessages, isIpvInstruction } from '../../../../shared/src/i18n/ipv-instructions';
import { captureFrame, useFrontCamera } from './camera';
import { useCaptureEvidence } from './evidence';
import { LocationNotice } from './LocationNotice';
import { selfieMessages } from './messages';

const SELFIE_TYPES = ['image/jpeg', 'image/png'];
const SELFIE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A photo to check, with its preview, the idempotency key its checks share, and its in-person
 * verification evidence: the challenge shown when it was taken and the time.
 */
interface Photo {
  blob: Blob;
  url: string;
  key: string;
  challengeId: string | undefined;
  capturedAt: Date;
}

const photoOf = (blob: Blob, challengeId: string | undefined): Photo => ({
  blob,
  url: URL.createObjectURL(blob),
  key: crypto.randomUUID(),
  challengeId,
  capturedAt: new Date(),
});

type Failure = 'failFace' | 'failMultiple' | 'failLive' | 'failScore';

/** Why a checked selfie did not pass, in words the customer can act on. */
function failureOf(result: { status: string; liveliness: boolean }): Failure {
  if (result.status === 'FACE_NOT_DETECTED') return 'failFace';
  if (result.status === 'MULTIPLE_FACE_DETECTED') return 'failMultiple';
  if (!result.liveliness) return 'failLive';
  return 'failScore';
}

/**
 * The selfie: the front camera with an oval to frame the face, or a photo upload when there is no
 * camera or it is refused. The photo is checked for liveliness; a pass becomes the profile's userImage.
 */
export function SelfieStep({ profile, onSaved }: StepProps) {
  const t = useT(selfieMessages);
  const instructions = useT(ipvInstructionMessages);
  const text = useProblemText();
  const evidence = useCaptureEvidence();
  const client = useQueryClient();
  const camera = useFrontCamera();
  const video = useRef<HTMLVideoElement>(null);
  const [captured, setCaptured] = useState<Photo>();
  const [fileError, setFileError] = useState<string>();
  const [replacing, setReplacing] = useState(false);

  useEffect(() => {
    if (video.current && camera.stream) {
      video.current.srcObject = camera.stream;
      void video.current.play().catch(() => undefined);
    }
  }, [camera.stream]);
  useEffect(() => () => captured && URL.revokeObjectURL(captured.url), [captured]);

  const check = useMutation({
    mutationFn: async ({ blob: image, key, challengeId, capturedAt }: Photo) => {
      const body = new FormData();
      body.append('image', image, image.type === 'image/png' ? 'selfie.png' : 'selfie.jpg');
      await evidence.attach(body, { challengeId, capturedAt });
      const result = await call(
        api.POST('/v1/image/liveliness_check', {
          // The typed body documents the multipart field; the browser sends the FormData as it is.
          body: body as unknown as { image: string },
          bodySerializer: (form) => form as unknown as FormData,
          // One key per photo: the same photo sent again is answered once, not checked (and counted) twice.
          headers: { 'idempotency-key': key },
        }),
      );
      const fresh = await client.fetchQuery<Profile>({
        queryKey: PROFILE_KEY,
        queryFn: fetchProfile,
        staleTime: 0,
      });
      const live = result.data.status === 'SUCCESS' && result.data.liveliness;
      return live && fresh.userImage !== null
        ? ({ passed: true } as const)
        : ({ passed: false, failure: failureOf(result.data) } as const);
    },
    onSuccess: (outcome) => {
      // The challenge is used up by the check; the next photo gets a new one. (Not after an error: the
      // same photo may go again under its idempotency key, with the same challenge.)
      void evidence.renewChallenge();
      // A passed selfie may be what a case asking for changes waits for.
      if (outcome.passed) void client.invalidateQueries({ queryKey: KYC_STATUS_KEY });
      if (outcome.passed) {
        camera.stop();
        setReplacing(false);
      }
    },
  });

  const takePhoto = async () => {
    if (!video.current) return;
    const blob = await captureFrame(video.current);
    setCaptured(photoOf(blob, evidence.challenge?.challengeId));
    camera.stop();
  };

  const startCamera = () => {
    // Asked with the camera, so both prompts come at the moment the customer expects them.
    void evidence.locate();
    void camera.start();
  };

  const retry = () => {
    check.reset();
    setCaptured(undefined);
    setFileError(undefined);
    startCamera();
  };

  const upload = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    if (!SELFIE_TYPES.includes(file.type)) return setFileError(t('wrongType'));
    if (file.size > SELFIE_MAX_BYTES) return setFileError(t('tooLarge', { size: formatSize(file.size) }));
    setFileError(undefined);
    camera.stop();
    const photo = photoOf(file, evidence.challenge?.challengeId);
    setCaptured(photo);
    check.mutate(photo);
  };

  const outcome = check.data;
  // "Use this photo" is gone once the selfie passed: focus goes to the news.
  const passedRef = useFocusWhenShown<HTMLParagraphElement>(outcome?.passed === true);
  if (profile.userImage && !replacing && (!outcome || outcome.passed)) {
    return (
      <div className="form">
        {outcome?.passed && (
          <p className="notice" role="status" tabIndex={-1} ref={passedRef}>
            {t('passed')}
          </p>
        )}
        <figure className="selfie-saved">
          <img src={profile.userImage} alt={t('savedAlt')} />
        </figure>
        <div className="button-row">
          <Button onPress={onSaved}>{t('continue')}</Button>
          <Button
            variant="secondary"
            onPress={() => {
              check.reset();
              setCaptured(undefined);
              setReplacing(true);
            }}
          >
            {t('replace')}
          </Button>
        </div>
      </div>
    );
  }

  const serverError = check.error ? (text.fields(check.error).image ?? text.problem(check.error)) : undefined;
  const instruction =
    evidence.challenge && isIpvInstruction(evidence.challenge.instruction)
      ? instructions(evidence.challenge.instruction)
      : undefined;

  return (
    <div className="form">
      <p>{t('intro')}</p>
      <section aria-labelledby="selfie-tips" className="selfie-tips">
        <h2 id="selfie-tips">{t('tipsTitle')}</h2>
        <ul>
          <li>{t('tipLight')}</li>
          <li>{t('tipOval')}</li>
          <li>{t('tipGlasses')}</li>
          <li>{t('tipAlone')}</li>
        </ul>
      </section>
      <LocationNotice
        location={evidence.location}
        onShare={() => void evidence.locate()}
        onRetry={() => void evidence.locate({ again: true })}
      />
      {!captured && instruction && (
        <p className="selfie-instruction" role="status">
          {t('instruction', { instruction })}
        </p>
      )}

      {camera.stream && (
        <div className="camera">
          <div className="camera-frame">
            <video ref={video} aria-label={t('cameraLabel')} muted playsInline autoPlay />
            <div className="camera-oval" aria-hidden="true" />
          </div>
          <div className="button-row">
            <Button onPress={() => void takePhoto()}>{t('capture')}</Button>
            <Button variant="secondary" onPress={camera.stop}>
              {t('stopCamera')}
            </Button>
          </div>
        </div>
      )}

      {captured && (
        <figure className="selfie-captured">
          <img src={captured.url} alt={t('capturedAlt')} />
        </figure>
      )}

      {captured && !check.isPending && !outcome && !check.error && (
        <div className="button-row">
          <Button onPress={() => check.mutate(captured)}>{t('usePhoto')}</Button>
          <Button variant="secondary" onPress={retry}>
            {t('retake')}
          </Button>
        </div>
      )}

      {check.isPending && <p role="status">{t('checking')}</p>}

      {outcome && !outcome.passed && (
        <div className="selfie-failed" role="alert">
          <h2>{t('failedTitle')}</h2>
          <p>{t(outcome.failure)}</p>
        </div>
      )}
      <FormAlert message={serverError} />
      {(outcome || check.error) && !outcome?.passed && (
        <div className="button-row">
          <Button onPress={retry}>{t('tryAgain')}</Button>
          {/* The photo was not judged (network, busy service): the same one can go again. */}
          {check.error && captured && !text.fields(check.error).image ? (
            <Button variant="secondary" onPress={() => check.mutate(captured)}>
              {t('sendAgain')}
            </Button>
          ) : null}
        </div>
      )}

      {!camera.stream && !captured && (
        <>
          {camera.problem === 'denied' && (
            <div className="form-alert" role="alert">
              <strong>{t('deniedTitle')}</strong>
              <p>{t('denied')}</p>
            </div>
          )}
          <FormAlert
            message={
              camera.problem === 'none'
                ? t('noCamera')
                : camera.problem === 'error'
                  ? t('cameraError')
                  : undefined
            }
          />
          <Button onPress={startCamera} isPending={camera.starting}>
            {camera.starting ? t('starting') : t('startCamera')}
          </Button>
        </>
      )}

      {!camera.stream && !check.isPending && (
        <div
          className="field file-field"
          role="group"
          aria-labelledby="selfie-upload-label"
          aria-describedby="selfie-upload-hint"
        >
          <span id="selfie-upload-label" className="field-label">
            {t('uploadTitle')}
          </span>
          <span id="selfie-upload-hint" className="field-hint">
            {t('uploadHint')}
          </span>
          <FileTrigger acceptedFileTypes={SELFIE_TYPES} onSelect={upload}>
            <Button variant="secondary">{t('chooseFile')}</Button>
          </FileTrigger>
          {fileError && (
            <p className="field-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
