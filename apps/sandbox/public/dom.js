// Tiny DOM helpers: every piece of message data goes through textContent or a checked attribute.

/** `el('div', { class: 'x', text: 'hello', onclick: fn }, child, …)` */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Only http(s) URLs may become links or image sources (never javascript: or data: from a payload). */
export const safeUrl = (url) => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null);

export const digits = (phone) => String(phone ?? '').replace(/\D/g, '');

export const timeOf = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
