import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** Connects once, runs pending migrations, and lets each lib register its own (private) entities. */
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(url),
          autoLoadEntities: true,
          migrationsRun: true,
          // Fail fast on a bad URL instead of retrying for minutes; health reports later outages.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
    };
  }
}
