import { AppConfig } from '@concierge/config';
import { ContactsModule } from '@concierge/contacts';
import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallChat } from './call-chat.js';
import { CallLines } from './call-lines.js';
import { CALL_PAGE_DIR, CallPageController } from './call-page.controller.js';
import { CallRequestsController } from './call-requests.controller.js';
import { CallRoster } from './call-roster.js';
import { CallSignals } from './call-signals.js';
import { CallSweeper } from './call-sweeper.js';
import { CallTokens } from './call-tokens.js';
import { CallGateway } from './call.gateway.js';
import { CallsController } from './calls.controller.js';
import { CallsService } from './calls.service.js';
import { VIDEO_ENTITIES } from './entities.js';
import { LiveKitRooms } from './livekit-rooms.js';
import { MeshRooms, VideoRoomProvider } from './room-provider.js';

export interface VideoOptions {
  /** The built call page (Vite output with index.html), served at /call/:token. */
  callPageDir: string;
}

/**
 * Video-call handoff: 1:1 WebRTC calls and group consultations started from any conversation.
 * A feature lib: it uses the inbox's public use cases (send, ingest, activity lines) and is never called by it.
 */
@Module({})
export class VideoModule {
  static forRoot(options: VideoOptions): DynamicModule {
    return {
      module: VideoModule,
      imports: [TypeOrmModule.forFeature(VIDEO_ENTITIES), TenancyModule, ContactsModule, InboxModule],
      controllers: [CallsController, CallPageController, CallRequestsController],
      providers: [
        { provide: CALL_PAGE_DIR, useValue: options.callPageDir },
        // The SFU when LiveKit is configured; otherwise the mesh fallback (≤ 4 people).
        { provide: VideoRoomProvider, inject: [AppConfig], useFactory: (config: AppConfig) => (config.video.livekit ? new LiveKitRooms(config.video.livekit) : new MeshRooms()) },
        CallTokens,
        CallLines,
        CallRoster,
        CallSignals,
        CallChat,
        CallsService,
        CallSweeper,
        CallGateway,
      ],
      exports: [CallsService, CallSweeper, CallTokens, VideoRoomProvider],
    };
  }
}
