import { Injectable } from '@nestjs/common';

/** The time, injectable so tests can move it instead of sleeping (block expiry, token expiry, key rotation). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
