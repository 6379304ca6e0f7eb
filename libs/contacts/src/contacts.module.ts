import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactIdentities } from './contact-identities.js';
import { ContactMerger } from './contact-merger.js';
import { ContactMergesController } from './contact-merges.controller.js';
import { ContactChannelEntity, ContactEntity, ContactMergeEntity } from './contact.entity.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';
import { ContactPrivacyController } from './privacy/contact-privacy.controller.js';
import { ContactPrivacy } from './privacy/contact-privacy.js';
import { ContactErasureEntity, ErasureTombstoneEntity } from './privacy/erasure.entities.js';
import { ErasureTombstones } from './privacy/erasure-tombstones.js';
import { PersonalDataRegistry } from './privacy/personal-data.js';

@Module({
  imports: [TypeOrmModule.forFeature([ContactEntity, ContactChannelEntity, ContactMergeEntity, ContactErasureEntity, ErasureTombstoneEntity]), TenancyModule],
  controllers: [ContactsController, ContactMergesController, ContactPrivacyController],
  providers: [ContactsService, ContactIdentities, ContactMerger, PersonalDataRegistry, ContactPrivacy, ErasureTombstones],
  exports: [ContactsService, PersonalDataRegistry, ErasureTombstones],
})
export class ContactsModule {}
