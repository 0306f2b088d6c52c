import { defineMessages } from '../../../../shared/src/i18n/i18n';

export const consentMessages = defineMessages(
  {
    intro:
      'Before we check your details, we need your consent. Each purpose is asked separately; read what it covers and choose. You can withdraw any of them later on this page.',
    required: 'Required',
    optional: 'Optional',
    readNotice: 'Read the full notice',
    version: 'Notice version {version}',
    agree: 'I agree',
    agreeAgain: 'Agree again',
    agreeUpdated: 'Agree to the updated notice',
    agreeing: 'Saving your consent…',
    granted: 'You agreed on {time} (notice version {version}).',
    outdated:
      'You agreed to an earlier version of this notice ({version}) on {time}. The notice has changed since: please read it and agree again.',
    withdrawn: 'You withdrew this consent on {time}. You had agreed on {granted} (notice version {version}).',
    notGiven: 'You have not given this consent.',
    withdraw: 'Withdraw consent',
    withdrawTitle: 'Withdraw this consent?',
    withdrawConfirm: 'Yes, withdraw',
    withdrawing: 'Withdrawing…',
    keep: 'Keep my consent',
    continue: 'Continue',
    kycRequired:
      'To continue, agree to “Verifying your KYC details”: without it we cannot check your details.',
    optionalLater: 'The two optional consents can also be given later, in the Aadhaar step.',
  },
  {
    intro:
      'आपकी जानकारी जाँचने से पहले हमें आपकी सहमति चाहिए। हर उद्देश्य के लिए अलग से पूछा जाता है; पढ़ें कि उसमें क्या शामिल है और चुनें। आप इनमें से कोई भी सहमति बाद में इसी पेज पर वापस ले सकते हैं।',
    required: 'ज़रूरी',
    optional: 'वैकल्पिक',
    readNotice: 'पूरी सूचना पढ़ें',
    version: 'सूचना संस्करण {version}',
    agree: 'मैं सहमत हूँ',
    agreeAgain: 'फिर से सहमति दें',
    agreeUpdated: 'नई सूचना पर सहमति दें',
    agreeing: 'आपकी सहमति सेव हो रही है…',
    granted: 'आपने {time} को सहमति दी (सूचना संस्करण {version})।',
    outdated:
      'आपने इस सूचना के पिछले संस्करण ({version}) पर {time} को सहमति दी थी। सूचना बदल गई है: कृपया इसे पढ़कर फिर से सहमति दें।',
    withdrawn: 'आपने {time} को यह सहमति वापस ली। आपने {granted} को सहमति दी थी (सूचना संस्करण {version})।',
    notGiven: 'आपने यह सहमति नहीं दी है।',
    withdraw: 'सहमति वापस लें',
    withdrawTitle: 'यह सहमति वापस लें?',
    withdrawConfirm: 'हाँ, वापस लें',
    withdrawing: 'वापस ली जा रही है…',
    keep: 'सहमति बनी रहने दें',
    continue: 'आगे बढ़ें',
    kycRequired:
      'आगे बढ़ने के लिए “आपकी KYC जानकारी का सत्यापन” पर सहमति दें: इसके बिना हम आपकी जानकारी नहीं जाँच सकते।',
    optionalLater: 'दोनों वैकल्पिक सहमतियाँ बाद में, आधार चरण में भी दी जा सकती हैं।',
  },
);
