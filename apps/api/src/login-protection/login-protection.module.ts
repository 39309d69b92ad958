import { Global, Module } from '@nestjs/common';
import { LoginLimiter } from './login-limiter.js';
import { LoginRedisShutdown, loginRedisProvider } from './login-redis.js';
import { UsernameHasher } from './username-hash.js';

@Global()
@Module({
  providers: [loginRedisProvider, LoginRedisShutdown, UsernameHasher, LoginLimiter],
  exports: [LoginLimiter, UsernameHasher],
})
export class LoginProtectionModule {}
