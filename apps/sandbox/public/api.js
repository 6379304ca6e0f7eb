// The sandbox's JSON API, as the phone page uses it.

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json;
}

const linePath = (key) => `/sandbox/api/phones/${encodeURIComponent(key)}`;

export const api = {
  lines: () => request('GET', '/sandbox/api/lines'),
  addLine: (config) => request('POST', '/sandbox/api/lines', config),
  thread: (key, phone) => request('GET', `${linePath(key)}/thread?phone=${encodeURIComponent(phone)}`),
  send: (key, message) => request('POST', `${linePath(key)}/send`, message),
  read: (key, phone, messageIds) => request('POST', `${linePath(key)}/read`, { phone, messageIds }),
};

/** The URL key of a line: a Twilio WhatsApp line is addressed as `whatsapp:+E164` (it may share its number with an SMS line). */
export const urlKey = (line) => (line.provider === 'twilio_whatsapp' ? `whatsapp:${line.key}` : line.key);
