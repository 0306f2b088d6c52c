import { defineMessages } from '../../../shared/src/i18n/i18n';

/** What a case that asks for changes says on Review and on the steps (the reasons themselves: reasons.ts). */
export const fixesMessages = defineMessages(
  {
    stillTitle: 'Still to fix',
    stillIntro: 'We asked you to fix these, and you have not changed them yet:',
    allChanged: 'You have changed everything we asked for. Check your details, then submit again.',
    changedTitle: 'Changed since our request',
    changedIntro: 'You changed these; we check them again when you submit:',
    changedIn: 'Changed: {step}',
    teamTitle: 'For our team to check',
    teamIntro: 'You do not need to change anything for these; we look at them again when you submit:',
    stepTitle: 'What to fix on this page',
    stateStill: 'Still to fix',
    stateChanged: 'Changed, not submitted yet',
    fixIn: 'Fix it: {step}',
  },
  {
    stillTitle: 'अभी ठीक करना है',
    stillIntro: 'हमने आपसे इन्हें ठीक करने को कहा था, और आपने इन्हें अभी तक नहीं बदला है:',
    allChanged: 'हमने जो कुछ कहा था, वह सब आपने बदल दिया है। अपनी जानकारी जाँचें, फिर दोबारा जमा करें।',
    changedTitle: 'हमारे अनुरोध के बाद बदला गया',
    changedIntro: 'आपने इन्हें बदला है; जमा करने पर हम इन्हें फिर से जाँचेंगे:',
    changedIn: 'बदला गया: {step}',
    teamTitle: 'हमारी टीम जाँचेगी',
    teamIntro: 'इनके लिए आपको कुछ बदलने की ज़रूरत नहीं है; जमा करने पर हम इन्हें फिर से देखेंगे:',
    stepTitle: 'इस पेज पर क्या ठीक करना है',
    stateStill: 'अभी ठीक करना है',
    stateChanged: 'बदला गया, अभी जमा नहीं किया',
    fixIn: 'ठीक करें: {step}',
  },
);
