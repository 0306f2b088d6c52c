import { useT } from '../../../shared/src/i18n/i18n';
import { useDateFormat } from '../components/dates';
import { ipvInstructionMessages, isIpvInstruction } from '../../../shared/src/i18n/ipv-instructions';
import { defineMessages } from '../../../shared/src/i18n/i18n';
import type { Snapshot } from './types';

/** The in-person verification evidence frozen into the snapshot (`selfie.ipv`, IpvSnapshot in the service). */
interface Evidence {
  challengeStatus: 'valid' | 'missing' | 'unknown' | 'expired' | 'reused';
  instruction: string | null;
  location: { latitude: number; longitude: number; accuracy: number | null } | null;
  clientIp: string;
  userAgent: string | null;
  clientCapturedAt: string | null;
  receivedAt: string;
  uploadSha256: string;
  storedSha256: string;
  geo: { status: string; city: string | null; state: string | null; countryCode: string | null };
}

const messages = defineMessages(
  {
    title: 'In-person verification',
    none: 'No evidence: the selfie came from a client that does not send it.',
    challenge: 'Challenge',
    challengeValid: '{instruction} (used in time)',
    challengeMissing: 'None sent',
    challengeUnknown: 'Not one Pehchan issued to this customer',
    challengeExpired: '{instruction} (expired before the selfie)',
    challengeReused: '{instruction} (already used by an earlier selfie)',
    location: 'Location',
    noLocation: 'None sent (location refused or unavailable)',
    point: '{latitude}, {longitude} (±{accuracy} m)',
    place: 'Place',
    inIndia: 'In India',
    outsideIndia: 'Outside India',
    unplaced: 'Could not be placed',
    notChecked: 'Not checked',
    capturedAt: 'Captured (client clock)',
    receivedAt: 'Received (server clock)',
    clientIp: 'Client IP',
    hashes: 'Image SHA-256 (uploaded / stored)',
  },
  {
    title: 'व्यक्तिगत सत्यापन',
    none: 'कोई साक्ष्य नहीं: सेल्फ़ी ऐसे क्लाइंट से आई जो इसे नहीं भेजता।',
    challenge: 'चुनौती',
    challengeValid: '{instruction} (समय पर इस्तेमाल)',
    challengeMissing: 'नहीं भेजी गई',
    challengeUnknown: 'Pehchan ने यह इस ग्राहक को नहीं दी',
    challengeExpired: '{instruction} (सेल्फ़ी से पहले समाप्त)',
    challengeReused: '{instruction} (पहले की सेल्फ़ी में इस्तेमाल हो चुकी)',
    location: 'स्थान',
    noLocation: 'नहीं भेजा गया (स्थान की अनुमति नहीं दी या उपलब्ध नहीं)',
    point: '{latitude}, {longitude} (±{accuracy} मी)',
    place: 'जगह',
    inIndia: 'भारत में',
    outsideIndia: 'भारत के बाहर',
    unplaced: 'जगह तय नहीं हो सकी',
    notChecked: 'जाँचा नहीं गया',
    capturedAt: 'ली गई (क्लाइंट की घड़ी)',
    receivedAt: 'मिली (सर्वर की घड़ी)',
    clientIp: 'क्लाइंट IP',
    hashes: 'छवि SHA-256 (अपलोड / संग्रहीत)',
  },
);

const GEO_LABEL = {
  in_india: 'inIndia',
  outside_india: 'outsideIndia',
  unresolved: 'unplaced',
  failed: 'unplaced',
  not_checked: 'notChecked',
} as const;

/** Where and how the selfie was taken: the challenge, the point and its place, the times, the IP, the hashes. */
export function IpvEvidence({ snapshot }: { snapshot: unknown }) {
  const t = useT(messages);
  const instructions = useT(ipvInstructionMessages);
  const selfie = (snapshot as Snapshot | null)?.selfie as { ipv?: Evidence | null } | null | undefined;
  const evidence = selfie?.ipv;
  const date = useDateFormat();
  const when = (at: string | null) => (at ? date(at, 'seconds') : '—');
  if (!evidence) {
    return (
      <section className="panel" aria-labelledby="ipv-title">
        <h2 id="ipv-title">{t('title')}</h2>
        <p className="hint">{t('none')}</p>
      </section>
    );
  }
  const instruction = isIpvInstruction(evidence.instruction)
    ? instructions(evidence.instruction)
    : (evidence.instruction ?? '—');
  const challenge = {
    valid: 'challengeValid',
    missing: 'challengeMissing',
    unknown: 'challengeUnknown',
    expired: 'challengeExpired',
    reused: 'challengeReused',
  } as const;
  const { geo, location } = evidence;
  const geoLabel = GEO_LABEL[geo.status as keyof typeof GEO_LABEL];
  const place = [geo.city, geo.state, geo.countryCode].filter(Boolean).join(', ');
  const rows: [string, string][] = [
    [t('challenge'), t(challenge[evidence.challengeStatus], { instruction })],
    [
      t('location'),
      location
        ? t('point', {
            latitude: String(location.latitude),
            longitude: String(location.longitude),
            accuracy: location.accuracy === null ? '?' : String(Math.round(location.accuracy)),
          })
        : t('noLocation'),
    ],
    ...(location
      ? [
          [t('place'), `${geoLabel ? t(geoLabel) : geo.status}${place ? `: ${place}` : ''}`] as [
            string,
            string,
          ],
        ]
      : []),
    [t('capturedAt'), when(evidence.clientCapturedAt)],
    [t('receivedAt'), when(evidence.receivedAt)],
    [t('clientIp'), evidence.clientIp],
    [t('hashes'), `${evidence.uploadSha256} / ${evidence.storedSha256}`],
  ];
  return (
    <section className="panel" aria-labelledby="ipv-title">
      <h2 id="ipv-title">{t('title')}</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt className="small">{label}</dt>
            <dd className={label === t('hashes') ? 'mono small' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
