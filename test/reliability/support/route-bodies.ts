import { randomUUID } from 'node:crypto';
import { PNG, type Tenant } from './tenant-fixtures.js';

/**
 * How to call each tenant route that takes a body: a valid body built from the caller's own ids
 * (a control call proves it passes validation, so a 404 in the sweep means "not yours", not "bad
 * body"), and optionally bodies that name another tenant's ids (assignee, team, label, attachment,
 * product, …). Every POST/PUT/PATCH route the hub serves must be listed: the sweep fails on a
 * missing one, so a new route gets an entry (and thereby an isolation test) before it ships.
 */
export interface RouteBody {
  body: (self: Tenant) => unknown;
  contentType?: string;
  /** Bodies carrying the victim's ids, sent with the attacker's own path ids. */
  foreign?: (victim: Tenant) => unknown[];
  /** Skip the control call (it destroys what later controls need, or cannot succeed offline). */
  noControl?: string;
}

const rand = () => randomUUID().slice(0, 8);
const A = '/api/v1/accounts/:accountId';

export const ROUTE_BODIES: Record<string, RouteBody> = {
  [`POST ${A}/agents`]: { body: () => ({ name: 'New Agent', email: `new-${rand()}@example.test`, role: 'agent', password: 'correct-horse-battery' }) },
  [`PATCH ${A}/agents/:agentId`]: { body: () => ({ role: 'admin' }) },
  [`POST ${A}/attachments`]: { body: () => PNG, contentType: 'image/png' },
  [`POST ${A}/calls/:callId/end`]: { body: () => ({}), noControl: 'ends the call later controls pin a product on' },
  [`PUT ${A}/calls/:callId/pinned-product`]: { body: (t) => ({ productId: t.productId }), foreign: (v) => [{ productId: v.productId }] },
  [`POST ${A}/canned-responses`]: { body: () => ({ shortCode: `c${rand()}`, content: 'Hello' }) },
  [`PATCH ${A}/canned-responses/:cannedResponseId`]: { body: () => ({ content: 'Hello again' }) },
  [`POST ${A}/consultations`]: { body: (t) => ({ title: 'Preview', conversationIds: [t.conversationId] }), foreign: (v) => [{ title: 'Preview', conversationIds: [v.conversationId] }] },
  [`POST ${A}/contacts`]: { body: () => ({ name: 'Someone' }) },
  [`PATCH ${A}/contacts/:contactId`]: { body: () => ({ name: 'Renamed' }) },
  [`POST ${A}/contacts/:contactId/erase`]: { body: () => ({}), noControl: 'erases the conversation every other control uses' },
  [`POST ${A}/contacts/:contactId/merge`]: { body: (t) => ({ contactId: t.spareContactId }), foreign: (v) => [{ contactId: v.contactId }, { contactId: v.spareContactId }] },
  [`POST ${A}/contacts/merges/:mergeId/undo`]: { body: () => ({}) },
  [`PATCH ${A}/conversations/:conversationId`]: {
    body: () => ({ status: 'pending' }),
    foreign: (v) => [{ assigneeId: v.adminId }, { teamId: v.teamId }],
  },
  [`POST ${A}/conversations/:conversationId/calls`]: { body: () => ({}) },
  [`POST ${A}/conversations/:conversationId/checkout`]: { body: (t) => ({ items: [{ productId: t.productId }] }), foreign: (v) => [{ items: [{ productId: v.productId }] }] },
  [`POST ${A}/conversations/:conversationId/calls/:callId/end`]: { body: () => ({}), noControl: 'ends the call later controls pin a product on' },
  [`PUT ${A}/conversations/:conversationId/labels`]: { body: (t) => ({ labelIds: [t.labelId] }), foreign: (v) => [{ labelIds: [v.labelId] }] },
  [`POST ${A}/conversations/:conversationId/messages`]: {
    body: () => ({ content: { type: 'text', text: 'hello' } }),
    foreign: (v) => [
      { content: { type: 'media', mediaType: 'image', attachmentId: v.attachmentId } },
      { content: { type: 'product_card', productId: v.productId } },
      { content: { type: 'text', text: 'psst' }, private: true, mentions: [v.agentId, v.adminId] },
    ],
  },
  [`POST ${A}/conversations/:conversationId/read`]: { body: () => ({}) },
  [`PUT ${A}/commerce-settings`]: { body: () => ({ allowedLinkHosts: ['shop.example'] }) },
  [`POST ${A}/inboxes`]: { body: () => ({ name: 'Another site', channel: { type: 'webchat' } }) },
  [`PATCH ${A}/inboxes/:inboxId`]: { body: () => ({ name: 'Renamed site' }), foreign: (v) => [{ agentIds: [v.agentId] }] },
  [`PUT ${A}/inboxes/:inboxId/automation`]: {
    body: () => ({ assignment: { mode: 'round_robin' } }),
    foreign: (v) => [{ assignment: { mode: 'round_robin', teamId: v.teamId } }],
  },
  [`PUT ${A}/inboxes/:inboxId/business-hours`]: { body: () => ({ timeZone: 'Asia/Shanghai', weekly: [{ day: 2, open: '10:00', close: '20:00' }] }) },
  [`POST ${A}/inboxes/:inboxId/faqs`]: { body: () => ({ title: 'Shipping', phrases: { en: ['shipping'] }, answers: { en: 'Two days.' } }) },
  [`PATCH ${A}/inboxes/:inboxId/faqs/:faqId`]: { body: () => ({ title: 'Returns (updated)' }) },
  [`POST ${A}/inboxes/:inboxId/measure`]: { body: () => ({ text: 'hello' }) },
  [`POST ${A}/inboxes/:inboxId/templates`]: { body: () => ({ name: `t_${rand()}`, language: 'en', body: 'Hi' }) },
  [`PATCH ${A}/inboxes/:inboxId/templates/:templateId`]: { body: () => ({ body: 'Hello {{1}}' }) },
  [`POST ${A}/labels`]: { body: () => ({ name: `L${rand()}` }) },
  [`PATCH ${A}/labels/:labelId`]: { body: () => ({ color: '#112233' }) },
  [`POST ${A}/notifications/:notificationId/read`]: { body: () => ({}), noControl: 'the notification belongs to the second agent, not the admin calling' },
  [`POST ${A}/notifications/read-all`]: { body: () => ({}) },
  [`POST ${A}/products`]: { body: () => ({ sku: `S${rand()}`, title: 'Scarf', price: { amount: '10.00', currency: 'EUR' } }) },
  [`PATCH ${A}/products/:productId`]: { body: () => ({ title: 'Scarf (new)' }) },
  [`POST ${A}/products/:productId/card`]: { body: () => ({}) },
  [`POST ${A}/products/import`]: { body: () => [{ sku: `I${rand()}`, title: 'Imported', price: { amount: '5.00', currency: 'EUR' } }] },
  [`PUT ${A}/store`]: { body: () => ({ provider: 'builtin' }) },
  [`PATCH ${A}/store/orders/:number`]: { body: () => ({ status: 'packed' }) },
  [`POST ${A}/teams`]: { body: () => ({ name: `Team ${rand()}` }), foreign: (v) => [{ name: `Team ${rand()}`, agentIds: [v.agentId] }] },
  [`PATCH ${A}/teams/:teamId`]: { body: () => ({ description: 'desk' }), foreign: (v) => [{ agentIds: [v.agentId] }] },
};
