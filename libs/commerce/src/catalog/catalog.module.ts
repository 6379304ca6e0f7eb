import { Module } from '@nestjs/common';

/** Products, search, short links (filled in by the catalog work). */
@Module({})
export class CatalogModule {}
