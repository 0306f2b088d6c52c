import { defineMessages } from '../../../shared/src/i18n/i18n';

export const myDataMessages = defineMessages(
  {
    title: 'Your data',
    backToApplication: 'Back to your application',
    holds:
      'We keep what you gave us for your KYC: your account, your details, documents and selfie, your consents, the checks we ran and the history of your application.',
    rights:
      'You can download all of it whenever you like. You can also close your account and have your data erased.',
    // Download
    downloadTitle: 'Download your data',
    downloadIntro:
      'The file lists everything we hold about you. The ZIP also holds your documents and selfie; without it, the file links to them for 15 minutes.',
    downloadJson: 'Download my data',
    downloadZip: 'Download with my files (ZIP)',
    preparing: 'Preparing your download…',
    preparingInBackground:
      'Your files are large, so we are preparing the ZIP for you. This can take a few minutes: keep this page open and the download starts by itself.',
    backgroundFailed:
      'We could not prepare the ZIP. Please try again, or download your data without the files.',
    downloaded: 'Your download has started. You will find the file in your downloads.',
    tooManyExports: 'You have downloaded your data several times today. Please try again tomorrow.',
    // Erasure
    eraseTitle: 'Close your account',
    eraseIntro:
      'We erase your details, documents and selfie, and sign you out on every device. You cannot sign in again with this account.',
    erase: 'Close my account and erase my data',
    confirmTitle: 'Close your account for good?',
    confirmText:
      'This cannot be undone. If your KYC was approved, the law requires us to keep your KYC record for a number of years; we erase it when that period ends. Everything else is erased now.',
    confirmErase: 'Yes, close my account',
    erasing: 'Closing your account…',
    keep: 'Keep my account',
    // After erasure
    closedTitle: 'Your account is closed',
    closedErased: 'Your data is erased and you are signed out.',
    closedHeld:
      'You are signed out and your data is erased, except your KYC record, which the law requires us to keep until {date}. We erase it then.',
    closedSignedOut: 'You are signed out.',
    toSignIn: 'Go to the sign-in page',
  },
  {
    title: 'आपका डेटा',
    backToApplication: 'अपने आवेदन पर वापस जाएँ',
    holds:
      'आपने KYC के लिए जो दिया, वह हम रखते हैं: आपका खाता, आपकी जानकारी, दस्तावेज़ और सेल्फ़ी, आपकी सहमतियाँ, हमारी की गई जाँचें और आपके आवेदन का इतिहास।',
    rights: 'आप जब चाहें यह सब डाउनलोड कर सकते हैं। आप अपना खाता बंद करके अपना डेटा मिटवा भी सकते हैं।',
    downloadTitle: 'अपना डेटा डाउनलोड करें',
    downloadIntro:
      'फ़ाइल में वह सब है जो हम आपके बारे में रखते हैं। ZIP में आपके दस्तावेज़ और सेल्फ़ी भी हैं; उसके बिना, फ़ाइल में 15 मिनट तक चलने वाले उनके लिंक हैं।',
    downloadJson: 'मेरा डेटा डाउनलोड करें',
    downloadZip: 'मेरी फ़ाइलों के साथ डाउनलोड करें (ZIP)',
    preparing: 'आपका डाउनलोड तैयार हो रहा है…',
    preparingInBackground:
      'आपकी फ़ाइलें बड़ी हैं, इसलिए हम आपके लिए ZIP तैयार कर रहे हैं। इसमें कुछ मिनट लग सकते हैं: यह पेज खुला रखें, डाउनलोड अपने आप शुरू हो जाएगा।',
    backgroundFailed: 'हम ZIP तैयार नहीं कर सके। कृपया फिर से कोशिश करें, या फ़ाइलों के बिना अपना डेटा डाउनलोड करें।',
    downloaded: 'आपका डाउनलोड शुरू हो गया है। फ़ाइल आपके डाउनलोड में मिलेगी।',
    tooManyExports: 'आप आज कई बार अपना डेटा डाउनलोड कर चुके हैं। कृपया कल फिर से कोशिश करें।',
    eraseTitle: 'अपना खाता बंद करें',
    eraseIntro:
      'हम आपकी जानकारी, दस्तावेज़ और सेल्फ़ी मिटा देते हैं और आपको हर डिवाइस से साइन आउट कर देते हैं। इस खाते से आप फिर से साइन इन नहीं कर सकेंगे।',
    erase: 'मेरा खाता बंद करें और मेरा डेटा मिटाएँ',
    confirmTitle: 'क्या अपना खाता हमेशा के लिए बंद करना है?',
    confirmText:
      'इसे पलटा नहीं जा सकता। अगर आपका KYC स्वीकृत हुआ था, तो कानून के अनुसार हमें आपका KYC रिकॉर्ड कुछ वर्षों तक रखना होता है; वह अवधि पूरी होने पर हम उसे मिटा देते हैं। बाकी सब अभी मिटा दिया जाता है।',
    confirmErase: 'हाँ, मेरा खाता बंद करें',
    erasing: 'आपका खाता बंद हो रहा है…',
    keep: 'मेरा खाता रहने दें',
    closedTitle: 'आपका खाता बंद हो गया है',
    closedErased: 'आपका डेटा मिटा दिया गया है और आप साइन आउट हो गए हैं।',
    closedHeld:
      'आप साइन आउट हो गए हैं और आपका डेटा मिटा दिया गया है, सिवाय आपके KYC रिकॉर्ड के, जिसे कानून के अनुसार हमें {date} तक रखना है। उसके बाद हम उसे मिटा देंगे।',
    closedSignedOut: 'आप साइन आउट हो गए हैं।',
    toSignIn: 'साइन इन पेज पर जाएँ',
  },
);
