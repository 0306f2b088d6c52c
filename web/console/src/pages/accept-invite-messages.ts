import { defineMessages } from '../../../shared/src/i18n/i18n';

export const acceptInviteMessages = defineMessages(
  {
    title: 'Join the console',
    intro:
      'Choose the password for your staff account. Then sign in: the first sign-in sets up your authenticator app.',
    noToken: 'This page needs the link from your invitation email. Open the link in the email again.',
    password: 'Password',
    passwordHint: 'At least 8 characters; avoid common words, your name and your email.',
    confirmPassword: 'Repeat the password',
    passwordMismatch: 'The two passwords are not the same.',
    save: 'Set the password',
    saving: 'Saving…',
    accepted: 'Your password is set. Sign in to finish: the console asks you to set up your authenticator.',
    expired: 'This invitation has expired. Ask an admin to send you a new one.',
    refused:
      'This invitation link was already used or is no longer valid. If you have set your password, sign in; otherwise ask an admin to invite you again.',
    toSignIn: 'Go to sign-in',
  },
  {
    title: 'कंसोल से जुड़ें',
    intro: 'अपने स्टाफ़ खाते का पासवर्ड चुनें। फिर साइन इन करें: पहली बार साइन इन करने पर आपका ऑथेंटिकेटर ऐप सेट होता है।',
    noToken: 'इस पेज के लिए आपके आमंत्रण ईमेल का लिंक चाहिए। ईमेल में दिया लिंक फिर से खोलें।',
    password: 'पासवर्ड',
    passwordHint: 'कम से कम 8 अक्षर; आम शब्दों, अपने नाम और ईमेल से बचें।',
    confirmPassword: 'पासवर्ड दोबारा लिखें',
    passwordMismatch: 'दोनों पासवर्ड एक जैसे नहीं हैं।',
    save: 'पासवर्ड सेट करें',
    saving: 'सहेजा जा रहा है…',
    accepted: 'आपका पासवर्ड सेट हो गया। पूरा करने के लिए साइन इन करें: कंसोल आपसे ऑथेंटिकेटर सेट करने को कहेगा।',
    expired: 'इस आमंत्रण की समय-सीमा समाप्त हो गई है। किसी एडमिन से नया आमंत्रण भेजने को कहें।',
    refused:
      'यह आमंत्रण लिंक पहले ही इस्तेमाल हो चुका है या अब मान्य नहीं है। अगर आपने पासवर्ड सेट कर लिया है, तो साइन इन करें; नहीं तो किसी एडमिन से फिर से आमंत्रित करने को कहें।',
    toSignIn: 'साइन-इन पर जाएँ',
  },
);
