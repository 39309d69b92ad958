import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ShutdownState } from './shutdown-state.js';

/**
 * Once shutdown begins, every response carries `Connection: close`. Fastify adds it only to requests
 * that arrive after its close() started; a keep-alive connection whose request was in flight would
 * otherwise stay open after its response (up to the 72 s keep-alive timeout, holding the drain), and a
 * client reusing it at the moment the listener closes would have its request reset. With the header,
 * clients open new connections during SHUTDOWN_DELAY (still accepted) and none is reused afterwards.
 */
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class ShutdownModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(ShutdownState) private readonly state: ShutdownState,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onSend', async (request, reply) => {
      if (this.state.shuttingDown && request.raw.httpVersionMajor === 1) void reply.header('connection', 'close');
    });
  }
}
