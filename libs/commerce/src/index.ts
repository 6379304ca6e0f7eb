export { CommerceModule } from './commerce.module.js';
export { CatalogModule } from './catalog/catalog.module.js';
export { OrdersModule } from './orders/orders.module.js';
