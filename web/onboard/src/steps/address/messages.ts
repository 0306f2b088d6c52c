import { defineMessages } from '../../../../shared/src/i18n/i18n';

export const addressMessages = defineMessages(
  {
    intro: 'Your permanent address, as on your address proof.',
    prefilled:
      'We filled in the address from your Aadhaar in DigiLocker. Check it; if you change a field, it is verified like any other.',
    noOfficial:
      'Tip: fetch your Aadhaar from DigiLocker in the Aadhaar step and we will fill in this address for you.',
    permanentAddress: 'Address',
    permanentAddressHint: 'House or flat, street and area',
    landmark: 'Landmark (optional)',
    permanentCity: 'City or town',
    permanentState: 'State or union territory',
    statePlaceholder: 'Choose your state',
    permanentPincode: 'PIN code',
    pincodeHint: '6 digits, e.g. 400054',
    country: 'Country',
    india: 'India',
    fromDigilocker: 'from DigiLocker (Aadhaar)',
    required: 'This is required.',
    addressLength: 'Enter between 10 and 100 characters.',
    landmarkLength: 'Enter at most 50 characters.',
    cityLength: 'Enter between 2 and 50 characters.',
    pincode: 'Enter the 6-digit PIN code; it does not start with 0.',
    stateUnknown:
      'DigiLocker gave the state as “{state}”, which we could not match: please choose it from the list.',
  },
  {
    intro: 'आपका स्थायी पता, जैसा आपके पते के प्रमाण पर है।',
    prefilled:
      'हमने यह पता DigiLocker में आपके आधार से भरा है। इसे जाँच लें; कोई फ़ील्ड बदलने पर उसका सत्यापन बाकी जानकारी की तरह होता है।',
    noOfficial: 'सुझाव: आधार चरण में DigiLocker से अपना आधार लाएँ, तो हम यह पता आपके लिए भर देंगे।',
    permanentAddress: 'पता',
    permanentAddressHint: 'मकान या फ़्लैट, गली और इलाका',
    landmark: 'लैंडमार्क (वैकल्पिक)',
    permanentCity: 'शहर या कस्बा',
    permanentState: 'राज्य या केंद्र शासित प्रदेश',
    statePlaceholder: 'अपना राज्य चुनें',
    permanentPincode: 'पिन कोड',
    pincodeHint: '6 अंक, जैसे 400054',
    country: 'देश',
    india: 'भारत',
    fromDigilocker: 'DigiLocker (आधार) से',
    required: 'यह ज़रूरी है।',
    addressLength: '10 से 100 अक्षर दर्ज करें।',
    landmarkLength: 'अधिकतम 50 अक्षर दर्ज करें।',
    cityLength: '2 से 50 अक्षर दर्ज करें।',
    pincode: '6 अंकों का पिन कोड दर्ज करें; यह 0 से शुरू नहीं होता।',
    stateUnknown: 'DigiLocker ने राज्य “{state}” बताया, जिसे हम पहचान नहीं सके: कृपया सूची से चुनें।',
  },
);
