import { defineMessages } from '../../../../shared/src/i18n/i18n';

// The definition: PML (Maintenance of Records) Rules 2005, rule 2(1)(db), as SEBI extends it to family
// members and close relatives (docs/compliance-research.md §3).
export const pepMessages = defineMessages(
  {
    intro: 'The law asks us whether you hold, or are close to someone who holds, a prominent public office.',
    definitionTitle: 'Who is a politically exposed person (PEP)',
    definition:
      'Politically exposed persons are individuals who are or have been entrusted with prominent public functions by a foreign country, including heads of states or governments, senior politicians, senior government, judicial or military officers, senior executives of state-owned corporations and important political party officials. The same rules apply to their family members and close relatives.',
    politicallyExposed: 'Are you a politically exposed person?',
    relatedToPoliticallyExposed:
      'Are you a family member or close associate of a politically exposed person?',
    yes: 'Yes',
    no: 'No',
    required: 'Choose yes or no.',
    reviewNote: 'If you answer yes, a person checks your application before it is approved.',
  },
  {
    intro: 'कानून के अनुसार हमें पूछना होता है कि क्या आप, या आपका कोई करीबी, किसी प्रमुख सार्वजनिक पद पर है।',
    definitionTitle: 'राजनीतिक रूप से जुड़ा व्यक्ति (PEP) कौन है',
    definition:
      'राजनीतिक रूप से जुड़े व्यक्ति वे हैं जिन्हें किसी विदेशी देश ने प्रमुख सार्वजनिक कार्य सौंपे हैं या सौंपे थे, जैसे राष्ट्राध्यक्ष या शासनाध्यक्ष, वरिष्ठ राजनेता, वरिष्ठ सरकारी, न्यायिक या सैन्य अधिकारी, सरकारी कंपनियों के वरिष्ठ अधिकारी और राजनीतिक दलों के महत्वपूर्ण पदाधिकारी। यही नियम उनके परिवार के सदस्यों और करीबी रिश्तेदारों पर भी लागू होते हैं।',
    politicallyExposed: 'क्या आप राजनीतिक रूप से जुड़े व्यक्ति (PEP) हैं?',
    relatedToPoliticallyExposed: 'क्या आप किसी राजनीतिक रूप से जुड़े व्यक्ति के परिवार के सदस्य या करीबी सहयोगी हैं?',
    yes: 'हाँ',
    no: 'नहीं',
    required: 'हाँ या नहीं चुनें।',
    reviewNote: 'अगर आप हाँ चुनते हैं, तो मंज़ूरी से पहले एक व्यक्ति आपके आवेदन की जाँच करेगा।',
  },
);
