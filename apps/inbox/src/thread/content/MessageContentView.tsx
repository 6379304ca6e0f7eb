import type { MessageContent } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { CartView, OrderSummaryView, ProductCardView, ProductListView } from './Commerce.js';
import { ButtonsView, InteractiveReplyView, LinkButtonView, ListView } from './Interactive.js';
import { MediaView } from './Media.js';
import { LocationView, TemplateView, VideoCallView } from './Other.js';
import { RichText } from './RichText.js';

/**
 * Renders every MessageContent type as the customer sees it. Everything is React text (escaped);
 * URLs go through safeHttpUrl. Unknown types show their name rather than nothing.
 */
export function MessageContentView({ content }: { content: MessageContent }) {
  const { t } = useTranslation();
  switch (content.type) {
    case 'text':
      return <RichText text={content.text} />;
    case 'activity':
      return <span>{String(content.text ?? '')}</span>;
    case 'media':
      return <MediaView content={content} />;
    case 'location':
      return <LocationView content={content} />;
    case 'buttons':
      return <ButtonsView content={content} />;
    case 'list':
      return <ListView content={content} />;
    case 'link_button':
      return <LinkButtonView content={content} />;
    case 'interactive_reply':
      return <InteractiveReplyView content={content} />;
    case 'template':
      return <TemplateView content={content} />;
    case 'product_card':
      return <ProductCardView product={content} />;
    case 'product_list':
      return <ProductListView content={content} />;
    case 'cart':
      return <CartView content={content} />;
    case 'order_summary':
      return <OrderSummaryView content={content} />;
    case 'video_call_invite':
      return <VideoCallView content={content} />;
    default:
      return <span className="muted">{t('content.unknown', { type: String((content as { type?: unknown }).type ?? '?') })}</span>;
  }
}
