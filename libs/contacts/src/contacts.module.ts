import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactIdentities } from './contact-identities.js';
import { ContactMerger } from './contact-merger.js';
import { ContactMergesController } from './contact-merges.controller.js';
import { ContactChannelEntity, ContactEntity, ContactMergeEntity } from './contact.entity.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ContactEntity, ContactChannelEntity, ContactMergeEntity]), TenancyModule],
  controllers: [ContactsController, ContactMergesController],
  providers: [ContactsService, ContactIdentities, ContactMerger],
  exports: [ContactsService],
})
export class ContactsModule {}
