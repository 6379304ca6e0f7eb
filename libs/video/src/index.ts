export { VideoModule, type VideoOptions } from './video.module.js';
export { CallsService } from './calls.service.js';
export { CallSweeper, REMINDER_LEAD_MS } from './call-sweeper.js';
export { CallTokens, type CallTokenBinding } from './call-tokens.js';
export { VideoRoomProvider, MeshRooms, MESH_MAX_PARTICIPANTS, type RoomSpec, type ParticipantGrant } from './room-provider.js';
export { LiveKitRooms, SFU_MAX_PARTICIPANTS, type LiveKitSettings } from './livekit-rooms.js';
export type { CallView, CallParticipantView } from './call-views.js';
