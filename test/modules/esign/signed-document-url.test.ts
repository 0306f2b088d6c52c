import { describe, expect, it } from 'vitest';
import { isFetchableSignedDocumentUrl } from '../../../src/modules/esign/signed-document-url.js';

const CASHFREE = 'https://sandbox.cashfree.com';
const SIMULATOR = 'http://127.0.0.1:43117';

describe('the signed form link the service downloads', () => {
  it.each([
    'https://cashfree-esign.s3.ap-south-1.amazonaws.com/signed/abc.pdf?X-Amz-Signature=1',
    'https://sandbox.cashfree.com/verification/esignature/doc/1',
    `${SIMULATOR}/simulator/esign/files/1`,
  ])('accepts %s', (link) => {
    const origin = link.startsWith(SIMULATOR) ? SIMULATOR : CASHFREE;
    expect(isFetchableSignedDocumentUrl(link, origin)).toBe(true);
  });

  it.each([
    'http://cashfree-esign.s3.amazonaws.com/a.pdf',
    'https://169.254.169.254/latest/meta-data/',
    'https://127.0.0.1:5432/',
    'https://10.1.2.3/a.pdf',
    'https://192.168.0.10/a.pdf',
    'https://[::1]/a.pdf',
    'https://[::ffff:127.0.0.1]/a.pdf',
    'https://[fd00::1]/a.pdf',
    'https://localhost/a.pdf',
    'https://metadata.google.internal/a.pdf',
    'https://user:secret@example.com/a.pdf',
    'http://127.0.0.1:6379/',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (link) => {
    expect(isFetchableSignedDocumentUrl(link, SIMULATOR)).toBe(false);
  });
});
