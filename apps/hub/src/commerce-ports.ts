import type { AutomationOptions } from '@concierge/automation';
import { CommerceModule } from '@concierge/commerce';

/**
 * The composition root connects automation's commerce ports to the commerce lib (feature libs never
 * import each other). Until a bridge class is listed here, automation answers "not available".
 */
export const commercePorts: AutomationOptions = {
  imports: [CommerceModule],
};
