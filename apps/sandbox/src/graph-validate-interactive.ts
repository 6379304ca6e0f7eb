/**
 * Interactive message rules: reply buttons (≤ 3, titles ≤ 20), lists (≤ 10 sections, ≤ 10 rows in all),
 * a CTA URL button, single- and multi-product messages (≤ 30 items), per Meta's interactive-* guides.
 */
import { httpUrl, invalid, isObj, missing, text, type Obj } from './graph-rules.js';

const TYPES = ['button', 'catalog_message', 'cta_url', 'flow', 'list', 'location_request_message', 'product', 'product_list'];

export function validateInteractive(interactive: Obj): string {
  const type = text(interactive, 'type', "interactive['type']", { required: true })!;
  if (!TYPES.includes(type)) throw invalid(`interactive['type'] must be one of ${TYPES.join(', ')}`);
  const bodyRequired = type !== 'product';
  if (interactive.body === undefined) {
    if (bodyRequired) throw missing("interactive['body']");
  } else {
    if (!isObj(interactive.body)) throw invalid("interactive['body'] must be an object");
    text(interactive.body, 'text', "interactive['body']['text']", { required: true, max: 1024 });
  }
  if (interactive.footer !== undefined) {
    if (!isObj(interactive.footer)) throw invalid("interactive['footer'] must be an object");
    text(interactive.footer, 'text', "interactive['footer']['text']", { required: true, max: 60 });
  }
  validateHeader(interactive, type);
  if (!isObj(interactive.action)) throw missing("interactive['action']");
  const action = interactive.action;

  if (type === 'button') buttons(action);
  else if (type === 'list') list(action);
  else if (type === 'cta_url') {
    if (action.name !== 'cta_url') throw invalid("interactive['action']['name'] must be cta_url");
    if (!isObj(action.parameters)) throw missing("interactive['action']['parameters']");
    text(action.parameters, 'display_text', "interactive['action']['parameters']['display_text']", { required: true, max: 20 });
    httpUrl(text(action.parameters, 'url', "interactive['action']['parameters']['url']", { required: true })!, "interactive['action']['parameters']['url']");
  } else if (type === 'product') {
    text(action, 'catalog_id', "interactive['action']['catalog_id']", { required: true });
    text(action, 'product_retailer_id', "interactive['action']['product_retailer_id']", { required: true });
  } else if (type === 'product_list') {
    productList(action);
  }
  return type;
}

function validateHeader(interactive: Obj, type: string): void {
  const header = interactive.header;
  if (header === undefined) {
    if (type === 'product_list') throw missing("interactive['header']");
    return;
  }
  if (!isObj(header)) throw invalid("interactive['header'] must be an object");
  const kind = text(header, 'type', "interactive['header']['type']", { required: true })!;
  if (!['text', 'image', 'video', 'document'].includes(kind)) throw invalid("interactive['header']['type'] must be text, image, video or document");
  if (type === 'product_list' && kind !== 'text') throw invalid('product_list messages need a text header');
  if (type === 'list' && kind !== 'text') throw invalid('list messages only take a text header');
  if (kind === 'text') {
    text(header, 'text', "interactive['header']['text']", { required: true, max: 60 });
    return;
  }
  const media = header[kind];
  if (!isObj(media)) throw missing(`interactive['header']['${kind}']`);
  const link = text(media, 'link', `interactive['header']['${kind}']['link']`);
  const id = text(media, 'id', `interactive['header']['${kind}']['id']`);
  if (!link && !id) throw missing(`interactive['header']['${kind}']['link']`);
  if (link) httpUrl(link, `interactive['header']['${kind}']['link']`);
}

function buttons(action: Obj): void {
  const list = action.buttons;
  if (list === undefined) throw missing("interactive['action']['buttons']");
  if (!Array.isArray(list) || list.length < 1 || list.length > 3) throw invalid('Buttons count is invalid. Min: 1, Max: 3');
  const ids = new Set<string>();
  const titles = new Set<string>();
  list.forEach((button: unknown, i) => {
    const path = `interactive['action']['buttons'][${i}]`;
    if (!isObj(button) || button.type !== 'reply') throw invalid(`${path}['type'] must be reply`);
    if (!isObj(button.reply)) throw missing(`${path}['reply']`);
    const id = text(button.reply, 'id', `${path}['reply']['id']`, { required: true, max: 256 })!;
    const title = text(button.reply, 'title', `${path}['reply']['title']`, { required: true })!;
    if (title.length > 20) throw invalid('Button title length invalid. Min length: 1, Max length: 20');
    if (ids.has(id)) throw invalid(`Duplicate button id: ${id}`);
    if (titles.has(title)) throw invalid(`Duplicate button title: ${title}`);
    ids.add(id);
    titles.add(title);
  });
}

function list(action: Obj): void {
  const label = text(action, 'button', "interactive['action']['button']", { required: true })!;
  if (label.length > 20) throw invalid('List button text length invalid. Max length: 20');
  const sections = action.sections;
  if (sections === undefined) throw missing("interactive['action']['sections']");
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) throw invalid('Sections count is invalid. Min: 1, Max: 10');
  const ids = new Set<string>();
  let rows = 0;
  sections.forEach((section: unknown, i) => {
    const path = `interactive['action']['sections'][${i}]`;
    if (!isObj(section)) throw invalid(`${path} must be an object`);
    const title = text(section, 'title', `${path}['title']`, { required: sections.length > 1 });
    if (title && title.length > 24) throw invalid('Section title length invalid. Max length: 24');
    if (!Array.isArray(section.rows) || section.rows.length === 0) throw missing(`${path}['rows']`);
    section.rows.forEach((row: unknown, j) => {
      const rowPath = `${path}['rows'][${j}]`;
      if (!isObj(row)) throw invalid(`${rowPath} must be an object`);
      const id = text(row, 'id', `${rowPath}['id']`, { required: true, max: 200 })!;
      const rowTitle = text(row, 'title', `${rowPath}['title']`, { required: true })!;
      if (rowTitle.length > 24) throw invalid('Row title length invalid. Max length: 24');
      const description = text(row, 'description', `${rowPath}['description']`);
      if (description && description.length > 72) throw invalid('Row description length invalid. Max length: 72');
      if (ids.has(id)) throw invalid(`Duplicate row id: ${id}`);
      ids.add(id);
      rows++;
    });
  });
  if (rows > 10) throw invalid('Total row count exceed max allowed count: 10');
}

function productList(action: Obj): void {
  text(action, 'catalog_id', "interactive['action']['catalog_id']", { required: true });
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) throw missing("interactive['action']['sections']");
  if (sections.length > 10) throw invalid('Sections count is invalid. Min: 1, Max: 10');
  let items = 0;
  sections.forEach((section: unknown, i) => {
    const path = `interactive['action']['sections'][${i}]`;
    if (!isObj(section)) throw invalid(`${path} must be an object`);
    text(section, 'title', `${path}['title']`, { required: true, max: 24 });
    if (!Array.isArray(section.product_items) || section.product_items.length === 0) throw missing(`${path}['product_items']`);
    section.product_items.forEach((item: unknown, j) => {
      if (!isObj(item)) throw invalid(`${path}['product_items'][${j}] must be an object`);
      text(item, 'product_retailer_id', `${path}['product_items'][${j}]['product_retailer_id']`, { required: true });
      items++;
    });
  });
  if (items > 30) throw invalid('Total product count exceed max allowed count: 30');
}
