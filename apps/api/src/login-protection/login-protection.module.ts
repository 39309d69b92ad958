import { Global, Module } from '@nestjs/common';
import { LoginLimiter } from './login-limiter.js';

@Global()
@Module({ providers: [LoginLimiter], exports: [LoginLimiter] })
export class LoginProtectionModule {}
