import { defineMessages } from '../../../shared/src/i18n/i18n';

export const investigationMessages = defineMessages(
  {
    title: 'Investigation holds',
    intro:
      'While a suspicious transaction report or an authority’s request runs, a hold keeps the customer’s KYC record past an erasure request and the retention periods, until you release it. The customer is never told.',
    placeTitle: 'Place a hold',
    customer: 'Customer id',
    customerHint: 'The customer’s Pehchan id, as a case’s page and the erasure requests show it.',
    kind: 'Kind',
    kind_str: 'Suspicious transaction report (STR)',
    kind_enforcement: 'Authority’s request or investigation',
    place: 'Place the hold',
    placed: 'Hold placed on {userId}.',
    caption: 'Investigation holds, newest first',
    placedAt: 'Placed',
    state: 'State',
    active: 'Active',
    releasedOn: 'Released {date}',
    actions: 'Actions',
    release: 'Release',
    releaseTitle: 'Release the hold on {userId}?',
    releaseBody:
      'If the customer asked for erasure while the hold ran, their KYC record and data key are erased now, unless a legal hold still keeps them. This cannot be undone.',
    released: 'Hold on {userId} released.',
    none: 'No investigation holds.',
  },
  {
    title: 'जाँच रोक',
    intro:
      'जब कोई संदिग्ध लेन-देन रिपोर्ट या किसी प्राधिकरण का अनुरोध चल रहा हो, तो रोक ग्राहक के KYC रिकॉर्ड को मिटाने के अनुरोध और रखने की अवधि के बाद भी तब तक रखती है जब तक आप उसे हटा न दें। ग्राहक को कभी नहीं बताया जाता।',
    placeTitle: 'रोक लगाएँ',
    customer: 'ग्राहक आईडी',
    customerHint: 'ग्राहक की Pehchan आईडी, जैसी केस पेज और मिटाने के अनुरोधों में दिखती है।',
    kind: 'प्रकार',
    kind_str: 'संदिग्ध लेन-देन रिपोर्ट (STR)',
    kind_enforcement: 'प्राधिकरण का अनुरोध या जाँच',
    place: 'रोक लगाएँ',
    placed: '{userId} पर रोक लगाई गई।',
    caption: 'जाँच रोक, नई पहले',
    placedAt: 'लगाई गई',
    state: 'स्थिति',
    active: 'सक्रिय',
    releasedOn: '{date} को हटाई गई',
    actions: 'कार्रवाई',
    release: 'हटाएँ',
    releaseTitle: '{userId} पर से रोक हटाएँ?',
    releaseBody:
      'अगर रोक के दौरान ग्राहक ने डेटा मिटाने को कहा था, तो उसका KYC रिकॉर्ड और डेटा कुंजी अभी मिटा दी जाएगी, जब तक कोई कानूनी रोक उन्हें न रखे। इसे वापस नहीं किया जा सकता।',
    released: '{userId} पर से रोक हटाई गई।',
    none: 'कोई जाँच रोक नहीं।',
  },
);
