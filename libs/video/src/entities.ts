import type { CallKind, CallMode, CallProduct, CallRole, CallStatus } from '@concierge/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('video_call')
export class VideoCallEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') kind: CallKind;
  @Column('text') mode: CallMode;
  @Column('uuid', { nullable: true }) conversationId: string | null;
  @Column('uuid', { nullable: true }) hostAgentId: string | null;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text') status: CallStatus;
  @Column('integer') maxParticipants: number;
  @Column('text', { nullable: true }) roomName: string | null;
  @Column('jsonb', { nullable: true }) pinnedProduct: CallProduct | null;
  @Column('timestamptz', { nullable: true }) scheduledAt: Date | null;
  @Column('timestamptz', { nullable: true }) remindedAt: Date | null;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
  @Column('integer', { nullable: true }) durationSeconds: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('video_call_participant')
export class CallParticipantEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') callId: string;
  @Column('text') role: CallRole;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Column('uuid', { nullable: true }) contactId: string | null;
  @Column('uuid', { nullable: true }) conversationId: string | null;
  @Column('text') displayName: string;
  @Column('timestamptz', { nullable: true }) joinedAt: Date | null;
  @Column('timestamptz', { nullable: true }) leftAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const VIDEO_ENTITIES = [VideoCallEntity, CallParticipantEntity];
