import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** The PostgreSQL URL in use (configured or embedded), for components that open their own pool (queues). */
export class DatabaseUrl {
  constructor(readonly value: string) {}
}

/** Connects once, runs pending migrations, and lets each lib register its own (private) entities. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize?: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(url, {}, poolSize),
          autoLoadEntities: true,
          migrationsRun: true,
          // Fail fast on a bad URL instead of retrying for minutes; health reports later outages.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      providers: [{ provide: DatabaseUrl, useValue: new DatabaseUrl(url) }],
      exports: [DatabaseUrl],
    };
  }
}
