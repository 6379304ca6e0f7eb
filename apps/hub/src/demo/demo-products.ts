/** The demo boutique's catalog: images and pages on hosts the demo account allows (nothing is fetched). */
export const DEMO_LINK_HOSTS = ['images.maison-demo.example', 'shop.maison-demo.example'];

const img = (slug: string) => `https://images.maison-demo.example/products/${slug}.jpg`;
const page = (slug: string) => `https://shop.maison-demo.example/p/${slug}`;
const eur = (amount: string) => ({ amount, currency: 'EUR' });

const item = (sku: string, slug: string, title: string, description: string, price: string, stock: number, attributes: Record<string, string> = {}) => ({
  sku, title, description, price: eur(price), stock, imageUrl: img(slug), url: page(slug), attributes,
});

export const DEMO_PRODUCTS = [
  { ...item('BAG-KELLY-28', 'kelly-28', 'Kelly 28 bag — Gold', 'Togo calfskin with gold-plated hardware. 手提包 金色', '9800.00', 2, { colour: 'gold', material: 'Togo calfskin' }),
    variants: [{ sku: 'BAG-KELLY-28-PHW', title: 'Kelly 28 — palladium hardware', attributes: { hardware: 'palladium' }, stock: 1 }] },
  item('BAG-AMANDE', 'amande', 'Le Sac Amande', 'Soft lambskin shoulder bag, hand-stitched in Paris. 羊皮单肩包', '2450.00', 5, { colour: 'etoupe' }),
  item('BAG-TOTE-CANVAS', 'tote-canvas', 'Canvas & leather tote', 'Everyday tote in cotton canvas with leather trim. 帆布托特包', '890.00', 12),
  item('BAG-CLUTCH-NOIR', 'clutch-noir', 'Evening clutch — Noir', 'Satin clutch with a detachable chain. 晚宴手拿包', '1150.00', 4, { colour: 'black' }),
  item('SCARF-SILK-90-MIDNIGHT', 'silk-scarf-midnight', 'Silk twill scarf 90 — Midnight', 'Printed silk twill, hand-rolled edges. 真丝斜纹丝巾 午夜蓝', '450.00', 20, { colour: 'navy', size: '90 × 90 cm' }),
  item('SCARF-SILK-70-ROSE', 'silk-scarf-rose', 'Silk scarf 70 — Rose', 'Lightweight silk scarf with a rose print. 玫瑰印花丝巾', '390.00', 15, { colour: 'rose' }),
  item('SCARF-CASHMERE-GRIS', 'cashmere-stole', 'Cashmere and silk stole — Gris', 'A large stole in cashmere and silk. 羊绒真丝披肩', '780.00', 8, { colour: 'grey' }),
  item('JWL-BRACELET-ENAMEL', 'enamel-bracelet', 'Enamel bracelet — Rouge', 'Lacquered enamel bangle with gold-plated detail. 珐琅手镯', '620.00', 10, { colour: 'red' }),
  item('JWL-RING-CHAINE', 'chaine-ring', 'Chaîne ring — Sterling silver', 'Sterling silver ring in a chain-link design. 纯银戒指', '540.00', 6, { material: 'silver' }),
  item('JWL-NECKLACE-PEARL', 'pearl-necklace', 'Pearl necklace', 'Freshwater pearls on a gold chain. 珍珠项链', '1290.00', 3),
  item('JWL-EARRINGS-GOLD', 'gold-earrings', 'Hoop earrings — Gold', '18k gold hoops, 25 mm. 金色耳环', '1850.00', 4, { material: '18k gold' }),
  item('ACC-WALLET-COMPACT', 'compact-wallet', 'Compact wallet — Etoupe', 'Epsom calfskin wallet with six card slots. 小牛皮钱包', '720.00', 9, { colour: 'etoupe' }),
];
