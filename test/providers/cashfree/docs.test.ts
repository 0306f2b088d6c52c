import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePan } from '../../../src/modules/profile/validators.js';

const PAN_SHAPED = /\b[A-Z]{5}[0-9]{4}[A-Z]\b/g;

describe('the PANs the documentation offers', () => {
  it.each(['docs/cashfree-simulator.md', 'README.md'])(
    'are all accepted by Pehchan for an individual in %s',
    (file) => {
      const pans = [...new Set(readFileSync(file, 'utf8').match(PAN_SHAPED) ?? [])];
      if (file.startsWith('docs/')) expect(pans).toContain('ABCPV1234D');
      const refused = pans.filter((pan) => !validatePan(pan, 'Individual').ok);
      expect(refused).toEqual([]);
    },
  );
});
