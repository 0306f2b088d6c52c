import { defineMessages } from '../../../shared/src/i18n/i18n';

export const signInMessages = defineMessages(
  {
    title: 'Sign in to the console',
    intro: 'For reviewers and admins. Customers sign in on the onboarding pages.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    codeTitle: 'Second factor',
    codeIntro: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
    code: 'Code',
    verify: 'Verify',
    verifying: 'Checking…',
    back: 'Start again',
    enrollTitle: 'Set up your authenticator',
    enrollIntro:
      'Staff sign in with a second factor. Scan the QR code with an authenticator app (or type the key), then enter the code it shows.',
    enrolling: 'Preparing your authenticator key…',
    qr: 'QR code to scan with an authenticator app',
    secret: 'Key for typing in',
    recoveryTitle: 'Recovery codes',
    recoveryIntro:
      'Each code signs you in once if you lose your authenticator. Store them somewhere safe now: they are not shown again.',
    firstCode: 'Code from the authenticator',
    enrollRetry: 'Try again',
  },
  {
    title: 'कंसोल में साइन इन करें',
    intro: 'समीक्षकों और एडमिन के लिए। ग्राहक ऑनबोर्डिंग पेज पर साइन इन करते हैं।',
    email: 'ईमेल',
    password: 'पासवर्ड',
    signIn: 'साइन इन करें',
    signingIn: 'साइन इन हो रहा है…',
    codeTitle: 'दूसरा चरण',
    codeIntro: 'अपने ऑथेंटिकेटर ऐप का 6 अंकों का कोड या अपना कोई रिकवरी कोड दर्ज करें।',
    code: 'कोड',
    verify: 'सत्यापित करें',
    verifying: 'जाँच हो रही है…',
    back: 'फिर से शुरू करें',
    enrollTitle: 'अपना ऑथेंटिकेटर सेट करें',
    enrollIntro:
      'स्टाफ़ दूसरे चरण के साथ साइन इन करता है। ऑथेंटिकेटर ऐप से QR कोड स्कैन करें (या कुंजी टाइप करें), फिर वह जो कोड दिखाए उसे दर्ज करें।',
    enrolling: 'आपकी ऑथेंटिकेटर कुंजी तैयार हो रही है…',
    qr: 'ऑथेंटिकेटर ऐप से स्कैन करने के लिए QR कोड',
    secret: 'टाइप करने के लिए कुंजी',
    recoveryTitle: 'रिकवरी कोड',
    recoveryIntro:
      'ऑथेंटिकेटर खो जाने पर हर कोड एक बार साइन इन कराता है। इन्हें अभी किसी सुरक्षित जगह रखें: ये फिर नहीं दिखाए जाएँगे।',
    firstCode: 'ऑथेंटिकेटर का कोड',
    enrollRetry: 'फिर से कोशिश करें',
  },
);
