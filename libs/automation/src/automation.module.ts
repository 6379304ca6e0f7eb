import { ContactsModule } from '@concierge/contacts';
import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AutoAssigner } from './assignment/auto-assigner.js';
import { AutomationListener } from './automation-listener.js';
import { AUTOMATION_ENTITIES } from './entities.js';
import { FaqsController } from './http/faqs.controller.js';
import { InboxAutomationController } from './http/inbox-automation.controller.js';
import { SlaController } from './http/sla.controller.js';
import { FaqStore } from './intents/faq-store.js';
import { IntentResponder } from './intents/intent-responder.js';
import { LanguageModelPort, NoLanguageModel, NoOrderLookup, NoProductSearch, OrderLookupPort, ProductSearchPort } from './ports.js';
import { AutoReplies } from './replies/auto-replies.js';
import { AutomationScheduler, TimerScheduler } from './scheduler.js';
import { InboxAutomationStore } from './settings/inbox-automation.js';
import { SlaMonitor } from './sla/sla-monitor.js';
import { SlaReports } from './sla/sla-reports.js';

/**
 * Business hours, out-of-office and greeting replies, rule-based intents, auto-assignment and SLA
 * clocks. Listens to the inbox's domain events; never imported by the inbox. The commerce and
 * language-model ports default to "not available"; the composition root overrides them.
 */
export interface AutomationOptions {
  /** Modules the port implementations need (the composition root's commerce bridge). */
  imports?: ModuleMetadata['imports'];
  orderLookup?: Type<OrderLookupPort>;
  productSearch?: Type<ProductSearchPort>;
}

const PROVIDERS = [
    InboxAutomationStore,
    FaqStore,
    IntentResponder,
    AutoReplies,
    AutoAssigner,
    SlaMonitor,
    SlaReports,
    AutomationListener,
    { provide: AutomationScheduler, useClass: TimerScheduler },
    { provide: LanguageModelPort, useClass: NoLanguageModel },
];

@Module({})
export class AutomationModule {
  static forRoot(options: AutomationOptions = {}): DynamicModule {
    return {
      module: AutomationModule,
      imports: [TypeOrmModule.forFeature(AUTOMATION_ENTITIES), TenancyModule, ContactsModule, InboxModule, ...(options.imports ?? [])],
      controllers: [InboxAutomationController, FaqsController, SlaController],
      providers: [
        ...PROVIDERS,
        { provide: OrderLookupPort, useClass: options.orderLookup ?? NoOrderLookup },
        { provide: ProductSearchPort, useClass: options.productSearch ?? NoProductSearch },
      ],
      exports: [InboxAutomationStore, AutomationListener, OrderLookupPort, ProductSearchPort, LanguageModelPort],
    };
  }
}
