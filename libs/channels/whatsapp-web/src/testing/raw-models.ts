/**
 * TEST DATA. Raw page models as whatsapp-web.js receives them from WhatsApp Web (`window.WWebJS.getMessageModel`,
 * `getChatModel`, `getContactModel`) — the shapes its `Message`, `Chat` and `Contact` classes are built from.
 * Field names follow whatsapp-web.js 1.34 (src/structures/*.js) and payloads posted in its issue tracker.
 */

export interface RawWid {
  server: string;
  user: string;
  _serialized: string;
}

export interface RawMessage {
  id: { fromMe: boolean; remote: string; id: string; _serialized: string };
  from: string;
  to: string;
  author?: string;
  type: string;
  body?: string;
  caption?: string;
  t: number;
  ack: number;
  notifyName?: string;
  /** Present when the message has downloadable media (the library's `hasMedia`). */
  directPath?: string;
  mimetype?: string;
  filename?: string;
  lat?: number;
  lng?: number;
  /** `<name>\n<address>` of a shared place. */
  loc?: string;
  isStatusV3?: boolean;
}

export interface RawChat {
  id: RawWid;
  isGroup: boolean;
  t: number;
  formattedTitle?: string;
  unreadCount?: number;
}

export interface RawContact {
  id: RawWid;
  userid: string;
  pushname?: string;
  name?: string;
  isBusiness?: boolean;
  isGroup?: boolean;
  isUser?: boolean;
}

export function wid(serialized: string): RawWid {
  const [user = '', server = ''] = serialized.split('@');
  return { server, user, _serialized: serialized };
}

let counter = 0;

/** A message id as WhatsApp makes them (`3EB0…` from web, 32 hex from phones). */
export function messageKey(): string {
  counter += 1;
  return `3EB0${counter.toString(16).toUpperCase().padStart(16, '0')}`;
}

interface MessageInput {
  from: string;
  to?: string;
  key?: string;
  t?: number;
  notifyName?: string;
}

function incoming(input: MessageInput, fields: Partial<RawMessage> & { type: string }): RawMessage {
  const key = input.key ?? messageKey();
  return {
    id: { fromMe: false, remote: input.from, id: key, _serialized: `false_${input.from}_${key}` },
    from: input.from,
    to: input.to ?? '6281234500000@c.us',
    t: input.t ?? 1_767_607_200,
    ack: 1,
    notifyName: input.notifyName,
    ...fields,
  };
}

export function rawText(input: MessageInput & { body: string }): RawMessage {
  return incoming(input, { type: 'chat', body: input.body });
}

export function rawMedia(input: MessageInput & { type: 'image' | 'video' | 'audio' | 'ptt' | 'document' | 'sticker'; caption?: string; mimetype: string; filename?: string }): RawMessage {
  return incoming(input, {
    type: input.type,
    caption: input.caption,
    mimetype: input.mimetype,
    filename: input.filename,
    directPath: `/v/t62.7118-24/${messageKey()}.enc`,
  });
}

export function rawLocation(input: MessageInput & { lat: number; lng: number; name?: string; address?: string }): RawMessage {
  return incoming(input, { type: 'location', lat: input.lat, lng: input.lng, loc: input.name ? [input.name, input.address].filter(Boolean).join('\n') : undefined });
}

/** A group message: the chat is the group, the person is `author`. */
export function rawGroupText(input: MessageInput & { author: string; body: string }): RawMessage {
  return { ...rawText(input), author: input.author };
}

export function rawStatus(input: MessageInput & { body: string }): RawMessage {
  const key = input.key ?? messageKey();
  return {
    ...rawText(input),
    id: { fromMe: false, remote: 'status@broadcast', id: key, _serialized: `false_status@broadcast_${key}_${input.from}` },
    from: 'status@broadcast',
    author: input.from,
    isStatusV3: true,
  };
}

/** One of our own messages (sent by the hub or from the phone), as acks and history report it. */
export function rawOutgoing(input: { to: string; body: string; key?: string; t?: number; ack?: number }): RawMessage {
  const key = input.key ?? messageKey();
  return {
    id: { fromMe: true, remote: input.to, id: key, _serialized: `true_${input.to}_${key}` },
    from: '6281234500000@c.us',
    to: input.to,
    type: 'chat',
    body: input.body,
    t: input.t ?? 1_767_607_200,
    ack: input.ack ?? 0,
  };
}
