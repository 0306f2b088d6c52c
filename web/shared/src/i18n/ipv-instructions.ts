import { defineMessages } from './i18n';

/** The words for each selfie challenge code (IPV_INSTRUCTIONS in the service), for the customer and for staff. */
export const ipvInstructionMessages = defineMessages(
  {
    turn_head_left: 'Turn your head to the left',
    turn_head_right: 'Turn your head to the right',
    look_up: 'Look up',
    blink_twice: 'Blink twice',
    smile: 'Smile',
    open_mouth: 'Open your mouth',
  },
  {
    turn_head_left: 'अपना सिर बाईं ओर घुमाएँ',
    turn_head_right: 'अपना सिर दाईं ओर घुमाएँ',
    look_up: 'ऊपर देखें',
    blink_twice: 'दो बार पलकें झपकाएँ',
    smile: 'मुस्कुराएँ',
    open_mouth: 'अपना मुँह खोलें',
  },
);

export type IpvInstruction = keyof typeof ipvInstructionMessages.en;

export const isIpvInstruction = (code: unknown): code is IpvInstruction =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(ipvInstructionMessages.en, code);
