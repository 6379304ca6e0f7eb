import { InitialSchema1764316800000 } from './1764316800000-initial-schema.js';
import { Channels1764400000000 } from './1764400000000-channels.js';
import { ContactMerges1764400100000 } from './1764400100000-contact-merges.js';
import { InboxUx1764500000000 } from './1764500000000-inbox-ux.js';
import { Automation1764500100000 } from './1764500100000-automation.js';
import { Catalog1764600000000 } from './1764600000000-catalog.js';
import { Orders1764600100000 } from './1764600100000-orders.js';
import { VideoCalls1764700000000 } from './1764700000000-video-calls.js';
import { LiveSessionLease1764700100000 } from './1764700100000-live-session-lease.js';
import { Privacy1764700200000 } from './1764700200000-privacy.js';
import { Checkout1764700300000 } from './1764700300000-checkout.js';
import { ReplyTimes1764700400000 } from './1764700400000-reply-times.js';
import { ConversationListIndexes1764700500000 } from './1764700500000-conversation-list-indexes.js';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [InitialSchema1764316800000, Channels1764400000000, ContactMerges1764400100000, InboxUx1764500000000, Automation1764500100000, Catalog1764600000000, Orders1764600100000, VideoCalls1764700000000, LiveSessionLease1764700100000, Privacy1764700200000, Checkout1764700300000, ReplyTimes1764700400000, ConversationListIndexes1764700500000];
