import { Type } from 'typebox';
import type { Static } from 'typebox';

export const IfscParams = Type.Object(
  {
    ifsc: Type.String({
      // Letters in either case: the lookup upper-cases them, as the profile does.
      pattern: '^[A-Za-z]{4}0[A-Za-z0-9]{6}$',
      description: 'Indian Financial System Code: 4 letters, a 0, then 6 letters or digits',
      examples: ['HDFC0000001'],
    }),
  },
  { additionalProperties: false },
);

const detail = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const IfscView = Type.Object(
  {
    ifsc: Type.String({ description: 'The code, upper-case' }),
    bank: detail("The bank's name"),
    branch: detail("The branch's name"),
    city: detail('The city of the branch'),
    state: detail('The state of the branch'),
    address: detail("The branch's postal address"),
  },
  {
    description: "The bank branch an IFSC names, as the provider's IFSC directory gives it (null: not given)",
    examples: [
      {
        ifsc: 'HDFC0000001',
        bank: 'HDFC BANK',
        branch: 'BANGALORE - RAJA RAJESHWARI NAGAR BRANCH',
        city: 'BANGALORE',
        state: 'KARNATAKA',
        address: 'GROUND FLOOR, 123, ABC CIRCLE, XYZ MAIN ROAD, BANGALORE - 560098',
      },
    ],
  },
);
export type IfscView = Static<typeof IfscView>;

export const IfscResponse = Type.Object({ success: Type.Literal(true), data: IfscView });
