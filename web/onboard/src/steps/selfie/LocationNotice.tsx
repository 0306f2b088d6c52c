import { Button } from '../../../../shared/src/components/fields';
import { defineMessages, useT } from '../../../../shared/src/i18n/i18n';
import type { LocationState } from './evidence';

const messages = defineMessages(
  {
    title: 'Your location',
    why: 'SEBI rules ask us to confirm that you are in India when you take your selfie. Your browser will ask to share your location once; we keep it with your selfie for your application and nothing else.',
    ifRefused:
      'If you do not share it, you can still take your selfie, but a person will review your application, which takes longer.',
    share: 'Share my location',
    asking: 'Waiting for your browser…',
    shared: 'Location shared (accurate to about {accuracy} m).',
    refused:
      'You did not share your location. Your selfie will still be sent, and a person will review your application. To share it, allow Location for this site in the address bar, then reload the page.',
    failed:
      'Your device could not find your location this time. Turn on location services or move near a window, then try again. Without it your selfie will still be sent, and a person will review your application.',
    tryAgain: 'Try again',
    unavailable:
      'Your location is not available on this device. Your selfie will still be sent, and a person will review your application.',
  },
  {
    title: 'आपका स्थान',
    why: 'SEBI के नियमों के अनुसार हमें पुष्टि करनी होती है कि सेल्फ़ी लेते समय आप भारत में हैं। आपका ब्राउज़र एक बार आपका स्थान साझा करने की अनुमति माँगेगा; हम इसे केवल आपके आवेदन के लिए आपकी सेल्फ़ी के साथ रखते हैं।',
    ifRefused:
      'अगर आप इसे साझा नहीं करते, तब भी आप सेल्फ़ी ले सकते हैं, लेकिन एक व्यक्ति आपके आवेदन की समीक्षा करेगा, जिसमें अधिक समय लगता है।',
    share: 'मेरा स्थान साझा करें',
    asking: 'आपके ब्राउज़र की प्रतीक्षा है…',
    shared: 'स्थान साझा किया गया (लगभग {accuracy} मी तक सटीक)।',
    refused:
      'आपने अपना स्थान साझा नहीं किया। आपकी सेल्फ़ी फिर भी भेजी जाएगी, और एक व्यक्ति आपके आवेदन की समीक्षा करेगा। साझा करने के लिए, पता बार में इस साइट के लिए Location की अनुमति दें, फिर पेज दोबारा लोड करें।',
    failed:
      'आपका डिवाइस इस बार आपका स्थान नहीं ढूँढ सका। लोकेशन सेवाएँ चालू करें या खिड़की के पास जाएँ, फिर दोबारा कोशिश करें। इसके बिना भी आपकी सेल्फ़ी भेजी जाएगी, और एक व्यक्ति आपके आवेदन की समीक्षा करेगा।',
    tryAgain: 'दोबारा कोशिश करें',
    unavailable:
      'इस डिवाइस पर आपका स्थान उपलब्ध नहीं है। आपकी सेल्फ़ी फिर भी भेजी जाएगी, और एक व्यक्ति आपके आवेदन की समीक्षा करेगा।',
  },
);

/** Why the selfie step asks for the location, what happens without it, and where the request stands. */
export function LocationNotice({
  location,
  onShare,
  onRetry,
}: {
  location: LocationState;
  onShare: () => void;
  onRetry: () => void;
}) {
  const t = useT(messages);
  return (
    <section aria-labelledby="selfie-location" className="selfie-location">
      <h2 id="selfie-location">{t('title')}</h2>
      <p>{t('why')}</p>
      {location.kind === 'idle' && (
        <>
          <p>{t('ifRefused')}</p>
          <Button variant="secondary" onPress={onShare}>
            {t('share')}
          </Button>
        </>
      )}
      {location.kind === 'asking' && <p role="status">{t('asking')}</p>}
      {location.kind === 'shared' && (
        <p role="status">{t('shared', { accuracy: Math.max(1, Math.round(location.accuracy)) })}</p>
      )}
      {location.kind === 'refused' && <p role="alert">{t('refused')}</p>}
      {location.kind === 'failed' && (
        <>
          <p role="alert">{t('failed')}</p>
          <Button variant="secondary" onPress={onRetry}>
            {t('tryAgain')}
          </Button>
        </>
      )}
      {location.kind === 'unavailable' && <p role="alert">{t('unavailable')}</p>}
    </section>
  );
}
