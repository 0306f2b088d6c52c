import { defineMessages } from '../../../../shared/src/i18n/i18n';

export const contactMessages = defineMessages(
  {
    intro: 'We need to reach you about your account: confirm your email address and mobile number.',
    emailTitle: 'Email address',
    emailVerified: '{email} is verified.',
    emailPending:
      'We sent a link to {email}. Open it on this phone or computer; this page notices when it is done.',
    emailResend: 'Send the link again',
    emailResent: 'A new link is on its way to {email}.',
    mobileTitle: 'Mobile number',
    mobileVerified: '{mobile} is verified.',
    mobileSend: 'Send a code by SMS',
    mobileSendAgain: 'Send a new code',
    mobileSent: 'We sent a 6-digit code to {mobile}. It is valid for 5 minutes.',
    mobileWait: 'You can ask for a new code in {seconds} seconds.',
    code: 'Code from the SMS',
    verify: 'Verify',
    verifying: 'Checking…',
    continue: 'Continue',
  },
  {
    intro: 'आपके खाते के बारे में हमें आपसे संपर्क करना होगा: अपना ईमेल पता और मोबाइल नंबर पुष्टि करें।',
    emailTitle: 'ईमेल पता',
    emailVerified: '{email} सत्यापित है।',
    emailPending: 'हमने {email} पर एक लिंक भेजा है। उसे इसी फ़ोन या कंप्यूटर पर खोलें; यह पेज पूरा होने पर अपने-आप जान लेगा।',
    emailResend: 'लिंक फिर से भेजें',
    emailResent: '{email} पर एक नया लिंक भेजा जा रहा है।',
    mobileTitle: 'मोबाइल नंबर',
    mobileVerified: '{mobile} सत्यापित है।',
    mobileSend: 'SMS से कोड भेजें',
    mobileSendAgain: 'नया कोड भेजें',
    mobileSent: 'हमने {mobile} पर 6 अंकों का कोड भेजा है। यह 5 मिनट तक मान्य है।',
    mobileWait: 'आप {seconds} सेकंड बाद नया कोड माँग सकते हैं।',
    code: 'SMS में आया कोड',
    verify: 'सत्यापित करें',
    verifying: 'जाँच हो रही है…',
    continue: 'आगे बढ़ें',
  },
);

/** Reasons the code is refused (the `code` of the field error on /code). */
export const codeMessages = defineMessages(
  {
    invalid_format: 'Enter the 6 digits from the SMS.',
    otp_invalid: 'That is not the code we sent. Check the SMS and try again.',
    otp_expired: 'The code has expired. Ask for a new one.',
    otp_attempts_exceeded: 'Too many wrong codes. Ask for a new one.',
    otp_not_requested: 'Ask for a code first.',
  },
  {
    invalid_format: 'SMS में आए 6 अंक दर्ज करें।',
    otp_invalid: 'यह वह कोड नहीं है जो हमने भेजा था। SMS जाँचें और फिर से कोशिश करें।',
    otp_expired: 'कोड की अवधि समाप्त हो गई है। नया कोड माँगें।',
    otp_attempts_exceeded: 'बहुत अधिक गलत कोड। नया कोड माँगें।',
    otp_not_requested: 'पहले कोड माँगें।',
  },
);
