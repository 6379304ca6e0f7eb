/**
 * Validates `POST /{version}/{phone-number-id}/messages` bodies the way the Cloud API does, with its limits
 * (developers.facebook.com/documentation/business-messaging/whatsapp/messages/*): a missing required
 * parameter is Graph error 100, a value outside the rules is 131009 with `error_data.details`.
 */
import { validateInteractive } from './graph-validate-interactive.js';
import { Bad, httpUrl, invalid, isObj, missing, text, type Invalid, type Obj } from './graph-rules.js';

export type { Invalid } from './graph-rules.js';

export type Validation = { ok: true; kind: string; to: string } | ({ ok: false } & Invalid);

const TYPES = ['audio', 'contacts', 'document', 'image', 'interactive', 'location', 'reaction', 'sticker', 'template', 'text', 'video'];
const MEDIA = new Set(['audio', 'document', 'image', 'sticker', 'video']);
const CAPTIONED = new Set(['document', 'image', 'video']);

export function validateMessage(body: unknown, mediaExists: (id: string) => boolean): Validation {
  try {
    const { kind, to } = check(body, mediaExists);
    return { ok: true, kind, to };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, ...error.invalid };
    throw error;
  }
}

function check(body: unknown, mediaExists: (id: string) => boolean): { kind: string; to: string } {
  if (!isObj(body) || body.messaging_product === undefined) throw missing('messaging_product');
  if (body.messaging_product !== 'whatsapp') {
    throw new Bad({ code: 100, message: `Param messaging_product must be one of {WHATSAPP} - got "${String(body.messaging_product)}".` });
  }
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') throw invalid('recipient_type must be individual');
  const to = text(body, 'to', 'to', { required: true })!;
  if (!/^\+?[\d\s().-]{6,24}$/.test(to) || to.replace(/\D/g, '').length < 6) throw new Bad({ code: 100, message: 'Invalid parameter', details: `Invalid 'to' phone number: ${to}` });
  const type = body.type === undefined ? 'text' : body.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw new Bad({ code: 100, message: `Param type must be one of {${TYPES.map((t) => t.toUpperCase()).join(', ')}} - got "${String(type)}".` });
  }
  if (body.context !== undefined && (!isObj(body.context) || typeof body.context.message_id !== 'string')) throw missing("context['message_id']");
  const payload = body[type];
  if (!isObj(payload) && !(type === 'contacts' && Array.isArray(payload))) throw missing(type);

  if (type === 'text') {
    text(payload as Obj, 'body', "text['body']", { required: true, max: 4096 });
  } else if (MEDIA.has(type)) {
    const media = payload as Obj;
    const id = text(media, 'id', `${type}['id']`);
    const link = text(media, 'link', `${type}['link']`);
    if (!id && !link) throw new Bad({ code: 131008, message: 'Required parameter is missing', details: `${type} requires either 'id' or 'link'` });
    if (id && link) throw invalid(`${type} takes either 'id' or 'link', not both`);
    if (link) httpUrl(link, `${type}['link']`);
    if (id && !mediaExists(id)) throw invalid(`${type}['id'] ${id} is not a media id uploaded for this phone number`);
    if (media.caption !== undefined && !CAPTIONED.has(type)) throw invalid(`${type} messages do not take a caption`);
    text(media, 'caption', `${type}['caption']`, { max: 1024 });
    text(media, 'filename', `${type}['filename']`, { max: 240 });
  } else if (type === 'location') {
    const location = payload as Obj;
    for (const [key, bound] of [['latitude', 90], ['longitude', 180]] as const) {
      const value = location[key];
      if (value === undefined) throw missing(`location['${key}']`);
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > bound) throw invalid(`location['${key}'] must be a number between -${bound} and ${bound}`);
    }
    text(location, 'name', "location['name']", { max: 1000 });
    text(location, 'address', "location['address']", { max: 1000 });
  } else if (type === 'interactive') {
    return { kind: `interactive:${validateInteractive(payload as Obj)}`, to };
  } else if (type === 'template') {
    validateTemplate(payload as Obj);
  } else if (type === 'reaction') {
    text(payload as Obj, 'message_id', "reaction['message_id']", { required: true });
    text(payload as Obj, 'emoji', "reaction['emoji']");
  } else if (type === 'contacts') {
    const contacts = payload as unknown[];
    if (!Array.isArray(contacts) || contacts.length === 0) throw missing('contacts');
    contacts.forEach((c, i) => {
      if (!isObj(c) || !isObj(c.name)) throw missing(`contacts[${i}]['name']`);
      text(c.name, 'formatted_name', `contacts[${i}]['name']['formatted_name']`, { required: true });
    });
  }
  return { kind: type, to };
}

const COMPONENTS = new Set(['header', 'body', 'footer', 'button', 'carousel', 'limited_time_offer']);

function validateTemplate(template: Obj): void {
  text(template, 'name', "template['name']", { required: true, max: 512 });
  if (!isObj(template.language)) throw missing("template['language']");
  text(template.language, 'code', "template['language']['code']", { required: true });
  const components = template.components;
  if (components === undefined) return;
  if (!Array.isArray(components)) throw invalid("template['components'] must be an array");
  components.forEach((component: unknown, i) => {
    const path = `template['components'][${i}]`;
    if (!isObj(component)) throw invalid(`${path} must be an object`);
    const type = text(component, 'type', `${path}['type']`, { required: true })!;
    if (!COMPONENTS.has(type)) throw invalid(`${path}['type'] must be one of header, body, footer, button`);
    if (type === 'button') {
      text(component, 'sub_type', `${path}['sub_type']`, { required: true });
      if (component.index === undefined) throw missing(`${path}['index']`);
    }
    const parameters = component.parameters;
    if (parameters === undefined) return;
    if (!Array.isArray(parameters)) throw invalid(`${path}['parameters'] must be an array`);
    parameters.forEach((p: unknown, j) => {
      if (!isObj(p)) throw invalid(`${path}['parameters'][${j}] must be an object`);
      text(p, 'type', `${path}['parameters'][${j}]['type']`, { required: true });
    });
  });
}
