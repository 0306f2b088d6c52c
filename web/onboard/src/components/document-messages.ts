import { defineMessages } from '../../../shared/src/i18n/i18n';

export const documentMessages = defineMessages(
  {
    chooseFile: 'Choose a file',
    changeFile: 'Choose another file',
    chosen: 'Chosen: {name} ({size})',
    preview: 'Preview of the chosen file',
    pdfFallback: 'Your browser cannot show a preview of this PDF. You can still upload it.',
    wrongType: 'This file is not a PDF, JPEG or PNG. Choose one of those.',
    tooLarge:
      'This file is {size}; the limit is 5 MB. Choose a smaller file or scan it at a lower resolution.',
  },
  {
    chooseFile: 'फ़ाइल चुनें',
    changeFile: 'दूसरी फ़ाइल चुनें',
    chosen: 'चुनी गई: {name} ({size})',
    preview: 'चुनी गई फ़ाइल का पूर्वावलोकन',
    pdfFallback: 'आपका ब्राउज़र इस PDF का पूर्वावलोकन नहीं दिखा सकता। आप इसे फिर भी अपलोड कर सकते हैं।',
    wrongType: 'यह फ़ाइल PDF, JPEG या PNG नहीं है। इनमें से कोई एक चुनें।',
    tooLarge: 'यह फ़ाइल {size} की है; सीमा 5 MB है। छोटी फ़ाइल चुनें या कम रिज़ॉल्यूशन पर स्कैन करें।',
  },
);
