import type { Locale } from '../../../../shared/src/i18n/i18n';

/** The purposes a customer consents to, as the API names them (POST /v1/consents). */
export const CONSENT_PURPOSES = ['kyc_verification', 'digilocker_fetch', 'secure_share_prefill'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

/** One notice in one language: a title, a one-line summary, and its sections in the order a reader needs them. */
export interface NoticeText {
  title: string;
  summary: string;
  sections: { heading: string; text: string }[];
  /** What withdrawing this consent changes, shown again before the customer confirms a withdrawal. */
  withdrawEffect: string;
}

export interface Notice {
  /**
   * The version the customer agrees to, recorded with the consent. Change the wording → new version: the
   * customer is asked again, since a consent covers only the text they saw.
   */
  version: string;
  text: Record<Locale, NoticeText>;
}

const RETENTION_EN =
  'We keep it while your account is open, then for as long as the law requires (under the Prevention of Money-laundering Act, 5 years after our relationship ends), and then delete it. The record of this consent (the notice version, the time, your IP address and browser) is kept as long.';
const RETENTION_HI =
  'जब तक आपका खाता खुला है तब तक, और उसके बाद जितने समय तक कानून कहता है (धन-शोधन निवारण अधिनियम के तहत, हमारा संबंध समाप्त होने के 5 वर्ष बाद तक) हम इसे रखते हैं, फिर मिटा देते हैं। इस सहमति का रिकॉर्ड (सूचना का संस्करण, समय, आपका IP पता और ब्राउज़र) भी उतने ही समय रखा जाता है।';

export const CONSENT_NOTICES: Record<ConsentPurpose, Notice> = {
  kyc_verification: {
    version: '2026-12-v1',
    text: {
      en: {
        title: 'Verifying your KYC details',
        summary: 'Needed to open your account: we check the details you give us with official records.',
        sections: [
          {
            heading: 'What we share',
            text: 'Your PAN, name and date of birth; your Aadhaar details (only the last 4 digits of the number are stored); your address; your bank account number and IFSC; your demat account; your selfie and the Aadhaar photo for the face match.',
          },
          {
            heading: 'With whom',
            text: 'Cashfree Payments India Private Limited, our verification partner, which checks them with the Income Tax Department (PAN), UIDAI (Aadhaar), your bank (a ₹1 test deposit confirms the account holder) and the depositories (NSDL, CDSL). Our staff see your details only to review your application.',
          },
          {
            heading: 'Why',
            text: 'To verify your identity and address as SEBI’s KYC rules and the Prevention of Money-laundering Act require before an account can be opened. We do not use them for marketing.',
          },
          { heading: 'How long we keep it', text: RETENTION_EN },
          {
            heading: 'How to withdraw',
            text: 'Any time, on this page, with “Withdraw consent”. Checks not yet sent are stopped; an application cannot be submitted or verified without this consent.',
          },
        ],
        withdrawEffect:
          'We stop sending your details for verification. Your application cannot be submitted, and checks not yet done will not be done. Details already verified, and the records the law makes us keep, are not deleted by a withdrawal.',
      },
      hi: {
        title: 'आपकी KYC जानकारी का सत्यापन',
        summary: 'खाता खोलने के लिए ज़रूरी: आपकी दी गई जानकारी हम आधिकारिक रिकॉर्ड से जाँचते हैं।',
        sections: [
          {
            heading: 'हम क्या साझा करते हैं',
            text: 'आपका PAN, नाम और जन्म तिथि; आपकी आधार जानकारी (नंबर के केवल अंतिम 4 अंक रखे जाते हैं); आपका पता; आपका बैंक खाता नंबर और IFSC; आपका डीमैट खाता; चेहरे के मिलान के लिए आपकी सेल्फ़ी और आधार की फ़ोटो।',
          },
          {
            heading: 'किसके साथ',
            text: 'हमारे सत्यापन भागीदार Cashfree Payments India Private Limited के साथ, जो इन्हें आयकर विभाग (PAN), UIDAI (आधार), आपके बैंक (₹1 की परीक्षण जमा से खाताधारक की पुष्टि) और डिपॉज़िटरी (NSDL, CDSL) से जाँचता है। हमारे कर्मचारी आपकी जानकारी केवल आपके आवेदन की समीक्षा के लिए देखते हैं।',
          },
          {
            heading: 'क्यों',
            text: 'आपकी पहचान और पते का सत्यापन करने के लिए, जैसा खाता खोलने से पहले SEBI के KYC नियम और धन-शोधन निवारण अधिनियम माँगते हैं। हम इसका उपयोग मार्केटिंग के लिए नहीं करते।',
          },
          { heading: 'हम इसे कितने समय रखते हैं', text: RETENTION_HI },
          {
            heading: 'सहमति कैसे वापस लें',
            text: 'कभी भी, इसी पेज पर, “सहमति वापस लें” से। जो जाँच अभी भेजी नहीं गई वे रोक दी जाती हैं; इस सहमति के बिना आवेदन जमा या सत्यापित नहीं हो सकता।',
          },
        ],
        withdrawEffect:
          'हम आपकी जानकारी सत्यापन के लिए भेजना बंद कर देंगे। आपका आवेदन जमा नहीं हो सकेगा, और जो जाँच अभी नहीं हुई वे नहीं होंगी। पहले से सत्यापित जानकारी और कानून के तहत रखे जाने वाले रिकॉर्ड सहमति वापस लेने से नहीं मिटते।',
      },
    },
  },
  digilocker_fetch: {
    version: '2026-12-v1',
    text: {
      en: {
        title: 'Fetching your Aadhaar from DigiLocker',
        summary: 'Optional: the quickest way to prove your address, without uploading documents.',
        sections: [
          {
            heading: 'What we fetch',
            text: 'From your Aadhaar in DigiLocker: your name, date of birth, gender, address and photo, and the Aadhaar number, of which we store only the last 4 digits. The photo is stored encrypted, for the face match only.',
          },
          {
            heading: 'With whom',
            text: 'You sign in to DigiLocker (Government of India) yourself and choose to share your Aadhaar, issued by UIDAI. Cashfree Payments India Private Limited fetches it for us through DigiLocker and passes it to us; nobody else receives it.',
          },
          {
            heading: 'Why',
            text: 'To prove your identity and address with an official document, and to fill in your address so you do not have to type it.',
          },
          { heading: 'How long we keep it', text: RETENTION_EN },
          {
            heading: 'How to withdraw',
            text: 'Any time, on the Consent page, with “Withdraw consent”. You can then give your address yourself, or use another way to verify your Aadhaar.',
          },
        ],
        withdrawEffect:
          'We will not fetch your Aadhaar from DigiLocker again. What was already fetched stays with your application, as the law requires; you can still type your address yourself.',
      },
      hi: {
        title: 'DigiLocker से आपका आधार लाना',
        summary: 'वैकल्पिक: बिना दस्तावेज़ अपलोड किए पते का प्रमाण देने का सबसे तेज़ तरीका।',
        sections: [
          {
            heading: 'हम क्या लाते हैं',
            text: 'DigiLocker में आपके आधार से: आपका नाम, जन्म तिथि, लिंग, पता और फ़ोटो, और आधार नंबर, जिसके केवल अंतिम 4 अंक हम रखते हैं। फ़ोटो एन्क्रिप्ट करके, केवल चेहरे के मिलान के लिए रखी जाती है।',
          },
          {
            heading: 'किसके साथ',
            text: 'आप स्वयं DigiLocker (भारत सरकार) में साइन इन करते हैं और UIDAI द्वारा जारी अपना आधार साझा करना चुनते हैं। Cashfree Payments India Private Limited इसे DigiLocker से हमारे लिए लाता है और हमें देता है; किसी और को यह नहीं मिलता।',
          },
          {
            heading: 'क्यों',
            text: 'आधिकारिक दस्तावेज़ से आपकी पहचान और पते का प्रमाण देने के लिए, और आपका पता अपने-आप भरने के लिए ताकि आपको टाइप न करना पड़े।',
          },
          { heading: 'हम इसे कितने समय रखते हैं', text: RETENTION_HI },
          {
            heading: 'सहमति कैसे वापस लें',
            text: 'कभी भी, सहमति पेज पर, “सहमति वापस लें” से। फिर आप अपना पता स्वयं दे सकते हैं, या आधार सत्यापन का दूसरा तरीका चुन सकते हैं।',
          },
        ],
        withdrawEffect:
          'हम DigiLocker से आपका आधार फिर नहीं लाएँगे। जो पहले लाया जा चुका है वह कानून के अनुसार आपके आवेदन के साथ रहेगा; आप अपना पता स्वयं भर सकते हैं।',
      },
    },
  },
  secure_share_prefill: {
    version: '2026-12-v1',
    text: {
      en: {
        title: 'Filling in your details with Secure-Share',
        summary: 'Optional: fill in your details in one click from records linked to your mobile number.',
        sections: [
          {
            heading: 'What we fetch',
            text: 'Details linked to your registered mobile number: your name, date of birth, gender, PAN, address and, where available, your Aadhaar (only its last 4 digits are stored). You see each value and where it came from before anything is saved.',
          },
          {
            heading: 'With whom',
            text: 'Cashfree Payments India Private Limited runs Secure-Share: it confirms your mobile number with a one-time password and returns the details it holds for it to us.',
          },
          {
            heading: 'Why',
            text: 'To save you typing; the details are then verified like any others.',
          },
          { heading: 'How long we keep it', text: RETENTION_EN },
          {
            heading: 'How to withdraw',
            text: 'Any time, on the Consent page, with “Withdraw consent”. You can then fill in your details yourself.',
          },
        ],
        withdrawEffect:
          'We will not fetch your details through Secure-Share again. Details you already saved stay in your application; you can change them yourself.',
      },
      hi: {
        title: 'Secure-Share से आपकी जानकारी भरना',
        summary: 'वैकल्पिक: आपके मोबाइल नंबर से जुड़े रिकॉर्ड से एक क्लिक में जानकारी भरें।',
        sections: [
          {
            heading: 'हम क्या लाते हैं',
            text: 'आपके दर्ज मोबाइल नंबर से जुड़ी जानकारी: आपका नाम, जन्म तिथि, लिंग, PAN, पता और, जहाँ उपलब्ध हो, आपका आधार (केवल अंतिम 4 अंक रखे जाते हैं)। कुछ भी सेव होने से पहले आप हर जानकारी और उसका स्रोत देखते हैं।',
          },
          {
            heading: 'किसके साथ',
            text: 'Secure-Share को Cashfree Payments India Private Limited चलाता है: वह एक बार के पासवर्ड (OTP) से आपके मोबाइल नंबर की पुष्टि करता है और उससे जुड़ी जानकारी हमें देता है।',
          },
          {
            heading: 'क्यों',
            text: 'ताकि आपको टाइप न करना पड़े; यह जानकारी फिर बाकी जानकारी की तरह सत्यापित होती है।',
          },
          { heading: 'हम इसे कितने समय रखते हैं', text: RETENTION_HI },
          {
            heading: 'सहमति कैसे वापस लें',
            text: 'कभी भी, सहमति पेज पर, “सहमति वापस लें” से। फिर आप अपनी जानकारी स्वयं भर सकते हैं।',
          },
        ],
        withdrawEffect:
          'हम Secure-Share से आपकी जानकारी फिर नहीं लाएँगे। आपकी सेव की गई जानकारी आवेदन में रहेगी; आप उसे स्वयं बदल सकते हैं।',
      },
    },
  },
};
