import { Injectable } from '@nestjs/common';

/** Whether a stop signal arrived: from then on readiness fails and every response closes its connection. */
@Injectable()
export class ShutdownState {
  private started = false;

  begin(): void {
    this.started = true;
  }

  get shuttingDown(): boolean {
    return this.started;
  }
}
