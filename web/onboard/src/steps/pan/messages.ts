import { defineMessages } from '../../../../shared/src/i18n/i18n';

export const panMessages = defineMessages(
  {
    intro: 'Enter your PAN exactly as printed on the card. We check it with the Income Tax Department.',
    panNumber: 'PAN',
    panHint: '10 characters, e.g. ABCPV1234D',
    name: 'Name as on PAN card',
    dateOfBirth: 'Date of birth',
    mobileNo: 'Mobile number',
    email: 'Email',
    iAm: 'I am applying as',
    individual: 'An individual',
    mutual: 'A trust (mutual fund folio)',
  },
  {
    intro: 'अपना PAN ठीक वैसा ही दर्ज करें जैसा कार्ड पर छपा है। हम इसे आयकर विभाग से जाँचते हैं।',
    panNumber: 'PAN',
    panHint: '10 अक्षर, जैसे ABCPV1234D',
    name: 'PAN कार्ड पर लिखा नाम',
    dateOfBirth: 'जन्म तिथि',
    mobileNo: 'मोबाइल नंबर',
    email: 'ईमेल',
    iAm: 'मैं आवेदन कर रहा/रही हूँ',
    individual: 'एक व्यक्ति के रूप में',
    mutual: 'एक ट्रस्ट के रूप में (म्यूचुअल फ़ंड फ़ोलियो)',
  },
);
