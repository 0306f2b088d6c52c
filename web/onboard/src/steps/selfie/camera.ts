import { useCallback, useEffect, useRef, useState } from 'react';

/** Why the camera is not available: the customer refused it, there is none, or it failed to start. */
export type CameraProblem = 'denied' | 'none' | 'error';

/** The front camera through getUserMedia; the stream stops when the page leaves the step. */
export function useFrontCamera() {
  const [stream, setStream] = useState<MediaStream>();
  const [problem, setProblem] = useState<CameraProblem>();
  const [starting, setStarting] = useState(false);
  const current = useRef<MediaStream>(undefined);
  const mounted = useRef(true);

  const stop = useCallback(() => {
    current.current?.getTracks().forEach((track) => track.stop());
    current.current = undefined;
    setStream(undefined);
  }, []);

  const start = useCallback(async () => {
    setProblem(undefined);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('none');
      return;
    }
    setStarting(true);
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        // No size asked: Chromium meets a size by cropping, and the face match wants the whole frame.
        video: { facingMode: 'user' },
        audio: false,
      });
      // The customer left the step while the permission prompt was open: turn the camera off again.
      if (!mounted.current) {
        media.getTracks().forEach((track) => track.stop());
        return;
      }
      current.current = media;
      setStream(media);
    } catch (error) {
      const name = (error as DOMException).name;
      setProblem(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'none'
            : 'error',
      );
    } finally {
      setStarting(false);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stop();
    };
  }, [stop]);
  return { stream, problem, starting, start, stop };
}

/** The video's current frame as a JPEG, at the camera's own resolution (not mirrored). */
export function captureFrame(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('no 2D canvas'));
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the frame could not be encoded'))),
      'image/jpeg',
      0.92,
    ),
  );
}
