/**
 * Message content as the visitor sees it. Everything is rendered as text nodes (never HTML); links and
 * images are used only when their URL is absolute http(s).
 */
import type { MessageContent } from '@concierge/contracts';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatBytes, formatMoney, formatWhen, safeUrl } from './format.js';
import { t } from './i18n.js';

type Choose = (text: string) => void;

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Plain text with bare http(s) URLs made clickable. */
export function Text({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = safeUrl(match[0]);
    if (!url) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(<a href={url} target="_blank" rel="noopener noreferrer nofollow">{match[0]}</a>);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <p class="cw-text">{parts}</p>;
}

function LinkButton({ href, children }: { href: string | null; children: ComponentChildren }) {
  if (!href) return null;
  return <a class="cw-btn" href={href} target="_blank" rel="noopener noreferrer nofollow">{children}</a>;
}

function Options({ options, onChoose }: { options: { id: string; title: string; description?: string }[]; onChoose: Choose }) {
  return (
    <ul class="cw-options">
      {options.map((o) => (
        <li key={o.id}>
          <button type="button" class="cw-option" onClick={() => onChoose(o.title)}>
            <span>{o.title}</span>
            {o.description && <span class="cw-option-desc">{o.description}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ListPicker({ content, onChoose }: { content: Extract<MessageContent, { type: 'list' }>; onChoose: Choose }) {
  const [open, setOpen] = useState(false);
  const rows = content.sections.flatMap((s) => s.rows ?? []);
  return (
    <div class="cw-card-body">
      {content.header && <p class="cw-strong">{content.header}</p>}
      <Text text={content.text} />
      {content.footer && <p class="cw-muted">{content.footer}</p>}
      <button type="button" class="cw-btn" aria-expanded={open} onClick={() => setOpen(!open)}>{content.buttonText}</button>
      {open && <Options options={rows} onChoose={onChoose} />}
    </div>
  );
}

type Product = Omit<Extract<MessageContent, { type: 'product_card' }>, 'type'>;

function ProductCard({ product }: { product: Product }) {
  const image = safeUrl(product.imageUrl);
  const price = formatMoney(product.price);
  return (
    <div class="cw-card">
      {image && <img class="cw-card-img" src={image} alt={product.title ?? ''} loading="lazy" />}
      <div class="cw-card-body">
        <p class="cw-strong">{product.title ?? product.productId}</p>
        {product.description && <p class="cw-muted">{product.description}</p>}
        {price && <p class="cw-price">{price}</p>}
        <LinkButton href={safeUrl(product.url)}>{t.viewProduct}</LinkButton>
      </div>
    </div>
  );
}

function Media({ content }: { content: Extract<MessageContent, { type: 'media' }> }) {
  const url = safeUrl(content.url);
  const name = content.filename ?? (content.mediaType === 'image' ? t.image : t.file);
  let body: ComponentChildren = null;
  if (url && (content.mediaType === 'image' || content.mediaType === 'sticker')) {
    body = (
      <a href={url} target="_blank" rel="noopener noreferrer">
        <img class="cw-image" src={url} alt={content.caption ?? name} loading="lazy" />
      </a>
    );
  } else if (url && content.mediaType === 'video') body = <video class="cw-image" src={url} controls preload="metadata" />;
  else if (url && content.mediaType === 'audio') body = <audio src={url} controls preload="metadata" />;
  else if (url) {
    body = (
      <a class="cw-file" href={url} target="_blank" rel="noopener noreferrer" download={content.filename ?? ''}>
        <span aria-hidden="true">📄</span> {name} {content.sizeBytes ? <span class="cw-muted">({formatBytes(content.sizeBytes)})</span> : null}
      </a>
    );
  } else body = <p class="cw-muted">[{name}]</p>;
  return (
    <div class="cw-media">
      {body}
      {content.caption && <Text text={content.caption} />}
    </div>
  );
}

/** Order summary: only `orderId` is guaranteed; status, total and items are shown when the hub includes them. */
function OrderSummary({ content }: { content: Extract<MessageContent, { type: 'order_summary' }> & Record<string, unknown> }) {
  const total = formatMoney(content.total);
  const items = Array.isArray(content.items) ? (content.items as { title?: unknown; quantity?: unknown }[]) : [];
  return (
    <div class="cw-card">
      <div class="cw-card-body">
        <p class="cw-strong">{t.order(content.orderNumber ? `#${String(content.orderNumber)}` : String(content.orderId))}</p>
        {typeof (content.statusLabel ?? content.status) === 'string' && <p class="cw-badge">{String(content.statusLabel ?? content.status)}</p>}
        {items.length > 0 && (
          <ul class="cw-items">
            {items.slice(0, 10).map((item, i) => (
              <li key={i}>{typeof item.quantity === 'number' ? `${item.quantity} × ` : ''}{typeof item.title === 'string' ? item.title : ''}</li>
            ))}
          </ul>
        )}
        {total && <p class="cw-price">{total}</p>}
        <LinkButton href={safeUrl(content.trackingUrl)}>{t.track}</LinkButton>
      </div>
    </div>
  );
}

function VideoInvite({ content }: { content: Extract<MessageContent, { type: 'video_call_invite' }> }) {
  const expired = Date.parse(content.expiresAt) < Date.now();
  return (
    <div class="cw-card">
      <div class="cw-card-body">
        <p class="cw-strong"><span aria-hidden="true">🎥 </span>{t.videoCall}</p>
        {expired ? <p class="cw-muted">{t.callExpired}</p> : (
          <>
            {typeof content.scheduledAt === "string" && <p>{t.callAt(formatWhen(content.scheduledAt))}</p>}
            <LinkButton href={safeUrl(content.url)}>{t.joinCall}</LinkButton>
            <p class="cw-muted">{t.callUntil(formatWhen(content.expiresAt))}</p>
          </>
        )}
      </div>
    </div>
  );
}

export function Content({ content, onChoose }: { content: MessageContent; onChoose: Choose }) {
  switch (content.type) {
    case 'text':
      return <Text text={content.text} />;
    case 'media':
      return <Media content={content} />;
    case 'location': {
      const map = `https://www.openstreetmap.org/?mlat=${Number(content.latitude)}&mlon=${Number(content.longitude)}#map=16/${Number(content.latitude)}/${Number(content.longitude)}`;
      return (
        <div class="cw-card-body">
          <p class="cw-strong"><span aria-hidden="true">📍 </span>{content.name ?? ''}</p>
          {content.address && <p class="cw-muted">{content.address}</p>}
          <LinkButton href={map}>{t.openMap}</LinkButton>
        </div>
      );
    }
    case 'buttons':
      return (
        <div class="cw-card-body">
          <Text text={content.text} />
          <Options options={content.buttons} onChoose={onChoose} />
        </div>
      );
    case 'list':
      return <ListPicker content={content} onChoose={onChoose} />;
    case 'link_button': {
      const image = safeUrl(content.imageUrl);
      return (
        <div class="cw-card">
          {image && <img class="cw-card-img" src={image} alt="" loading="lazy" />}
          <div class="cw-card-body">
            <Text text={content.text} />
            {content.footer && <p class="cw-muted">{content.footer}</p>}
            <LinkButton href={safeUrl(content.url)}>{content.buttonText}</LinkButton>
          </div>
        </div>
      );
    }
    case 'interactive_reply':
      return <Text text={content.title} />;
    case 'template':
      return <Text text={content.preview ?? content.name} />;
    case 'product_card':
      return <ProductCard product={content} />;
    case 'product_list':
      return (
        <div class="cw-card-body">
          <p class="cw-strong">{content.header}</p>
          <Text text={content.text} />
          <ul class="cw-products">
            {content.products.map((p, i) => <li key={p.productId ?? i}><ProductCard product={p} /></li>)}
          </ul>
        </div>
      );
    case 'cart':
      return <Text text={`${content.text ?? ''} ${t.items(content.items.reduce((n, i) => n + (Number(i.quantity) || 0), 0))}`.trim()} />;
    case 'order_summary':
      return <OrderSummary content={content as Extract<MessageContent, { type: 'order_summary' }> & Record<string, unknown>} />;
    case 'video_call_invite':
      return <VideoInvite content={content} />;
    case 'activity':
      return <Text text={content.text} />;
    default:
      return null;
  }
}
