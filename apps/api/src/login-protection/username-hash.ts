import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeUsername } from '@roster/domain';
import { CONFIG, type Config } from '../config/config.js';
import { derivedKey } from '../config/encryption-keys.js';

/**
 * What typed usernames become wherever they are kept (brute-force counters, the attempt log): HMAC-SHA256 of
 * the one normal form, with a key derived from ENCRYPTION_KEYS. Enough to count and block a name, never the
 * text, which is sometimes a password typed in the wrong field. Hex, 64 characters, whatever was typed.
 */
@Injectable()
export class UsernameHasher {
  private readonly key: Buffer;

  constructor(@Inject(CONFIG) config: Config) {
    this.key = derivedKey(config.encryptionKeys, 'login-usernames');
  }

  hash(username: string): string {
    return createHmac('sha256', this.key).update(normalizeUsername(username)).digest('hex');
  }
}
