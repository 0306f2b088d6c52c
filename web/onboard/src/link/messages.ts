import { defineMessages } from '../../../shared/src/i18n/i18n';

export const linkMessages = defineMessages(
  {
    title: 'Verify your identity',
    opening: 'Opening your secure link…',
    expiredTitle: 'This link has expired',
    expired: 'Links work for a limited time. Go back to the company that sent it and ask for a new link.',
    usedTitle: 'This link was already used',
    used: 'Each link works once. If you did not finish, go back to the company that sent it and ask for a new link.',
    revokedTitle: 'This link was cancelled',
    revoked: 'The company that sent it cancelled this link. Ask them for a new one if you still need it.',
    notFoundTitle: 'This link is not valid',
    notFound:
      'Check that you opened the whole link from your message, or ask the company that sent it for a new one.',
    failedTitle: 'We could not open this link',
    continue: 'Continue your verification',
  },
  {
    title: 'अपनी पहचान सत्यापित करें',
    opening: 'आपका सुरक्षित लिंक खुल रहा है…',
    expiredTitle: 'इस लिंक की अवधि समाप्त हो गई है',
    expired: 'लिंक सीमित समय तक ही काम करते हैं। जिस कंपनी ने इसे भेजा, उससे नया लिंक माँगें।',
    usedTitle: 'यह लिंक पहले ही इस्तेमाल हो चुका है',
    used: 'हर लिंक एक ही बार काम करता है। अगर आपने प्रक्रिया पूरी नहीं की, तो जिस कंपनी ने इसे भेजा, उससे नया लिंक माँगें।',
    revokedTitle: 'यह लिंक रद्द कर दिया गया था',
    revoked: 'जिस कंपनी ने यह लिंक भेजा था, उसने इसे रद्द कर दिया। अगर अभी भी ज़रूरत है तो उनसे नया लिंक माँगें।',
    notFoundTitle: 'यह लिंक मान्य नहीं है',
    notFound: 'जाँचें कि आपने संदेश का पूरा लिंक खोला है, या भेजने वाली कंपनी से नया लिंक माँगें।',
    failedTitle: 'हम यह लिंक नहीं खोल सके',
    continue: 'अपना सत्यापन जारी रखें',
  },
);
