import { domainToUnicode as nodeDomainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayEmail, domainToUnicode } from './emails';

describe('displayEmail', () => {
  it('shows an internationalised domain in Unicode', () => {
    expect(displayEmail('jörg@xn--mnchen-3ya.example')).toBe('jörg@münchen.example');
    expect(displayEmail('info@XN--BCHER-KVA.example')).toBe('info@bücher.example');
    expect(displayEmail('ada@example.com')).toBe('ada@example.com');
  });

  it('decodes as Node’s domainToUnicode does', () => {
    for (const domain of [
      'xn--r8jz45g.xn--zckzah',
      'xn--fsqu00a.xn--3lr804guic',
      'xn--80akhbyknj4f.xn--p1ai',
      'xn--ls8h.la',
      'xn--caf-dma.fr',
      'xn--wgv71a119e.jp',
      'mail.xn--kgbechtv',
    ]) {
      expect(domainToUnicode(domain), domain).toBe(nodeDomainToUnicode(domain));
    }
  });

  it('leaves labels that are not valid punycode alone', () => {
    expect(displayEmail('a@xn--.example')).toBe('a@xn--.example');
    expect(displayEmail('a@xn--zz!.example')).toBe('a@xn--zz!.example');
    expect(displayEmail('no-at-sign')).toBe('no-at-sign');
  });
});
