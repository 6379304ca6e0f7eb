/**
 * Incoming-message webhook parameters in the order and shape Twilio posts them (form-encoded), after
 * https://www.twilio.com/docs/messaging/guides/webhook-request (SMS/MMS, WhatsApp: ProfileName, WaId,
 * MessageType, Latitude/Longitude/Address/Label, ButtonText/ButtonPayload, OriginalRepliedMessageSid).
 * SIDs are made up but well-formed.
 */
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const OTHER_ACCOUNT_SID = 'ACfedcba9876543210fedcba9876543210';
export const SMS_NUMBER = '+14155550100';
export const WHATSAPP_NUMBER = '+14155238886';
export const CUSTOMER = '+14158675309';

export const inboundSms = {
  ToCountry: 'US',
  ToState: 'CA',
  SmsMessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
  NumMedia: '0',
  ToCity: 'SAN FRANCISCO',
  FromZip: '94105',
  SmsSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
  FromState: 'CA',
  SmsStatus: 'received',
  FromCity: 'SAN FRANCISCO',
  Body: 'Hi, is the blue jacket still in stock?',
  FromCountry: 'US',
  To: SMS_NUMBER,
  MessagingServiceSid: 'MG00112233445566778899aabbccddeeff',
  ToZip: '94105',
  NumSegments: '1',
  MessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
  AccountSid: ACCOUNT_SID,
  From: CUSTOMER,
  ApiVersion: '2010-04-01',
};

const MMS_SID = 'MMa1b2c3d4e5f60718293a4b5c6d7e8f90';
const mediaUrl = (mediaSid: string) => `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MMS_SID}/Media/${mediaSid}`;

export const inboundMms = {
  ToCountry: 'US',
  MediaContentType0: 'image/jpeg',
  ToState: 'CA',
  SmsMessageSid: MMS_SID,
  NumMedia: '2',
  ToCity: 'SAN FRANCISCO',
  FromZip: '94105',
  SmsSid: MMS_SID,
  FromState: 'CA',
  SmsStatus: 'received',
  FromCity: 'SAN FRANCISCO',
  Body: 'Two photos of the damaged parcel',
  FromCountry: 'US',
  To: SMS_NUMBER,
  MediaContentType1: 'video/mp4',
  ToZip: '94105',
  NumSegments: '1',
  MessageSid: MMS_SID,
  AccountSid: ACCOUNT_SID,
  From: CUSTOMER,
  MediaUrl0: mediaUrl('ME00000000000000000000000000000000'),
  MediaUrl1: mediaUrl('ME11111111111111111111111111111111'),
  ApiVersion: '2010-04-01',
};

export const whatsappText = {
  SmsMessageSid: 'SM2a3b4c5d6e7f8091a2b3c4d5e6f70819',
  NumMedia: '0',
  ProfileName: 'Mei Lin',
  MessageType: 'text',
  SmsSid: 'SM2a3b4c5d6e7f8091a2b3c4d5e6f70819',
  WaId: '14158675309',
  SmsStatus: 'received',
  Body: 'Hello! Do you ship to Oakland?',
  To: `whatsapp:${WHATSAPP_NUMBER}`,
  NumSegments: '1',
  ReferralNumMedia: '0',
  MessageSid: 'SM2a3b4c5d6e7f8091a2b3c4d5e6f70819',
  AccountSid: ACCOUNT_SID,
  From: `whatsapp:${CUSTOMER}`,
  ApiVersion: '2010-04-01',
};

export const whatsappLocation = {
  Latitude: '37.7873589',
  Longitude: '-122.408227',
  Address: '375 Beale St, San Francisco, CA 94105',
  Label: 'Twilio HQ',
  SmsMessageSid: 'SM3b4c5d6e7f8091a2b3c4d5e6f708192a',
  NumMedia: '0',
  ProfileName: 'Mei Lin',
  MessageType: 'location',
  SmsSid: 'SM3b4c5d6e7f8091a2b3c4d5e6f708192a',
  WaId: '14158675309',
  SmsStatus: 'received',
  Body: '',
  To: `whatsapp:${WHATSAPP_NUMBER}`,
  NumSegments: '1',
  ReferralNumMedia: '0',
  MessageSid: 'SM3b4c5d6e7f8091a2b3c4d5e6f708192a',
  AccountSid: ACCOUNT_SID,
  From: `whatsapp:${CUSTOMER}`,
  ApiVersion: '2010-04-01',
};

/** A tap on a quick-reply button of a template we sent: Body repeats the button text. */
export const whatsappButton = {
  OriginalRepliedMessageSender: `whatsapp:${WHATSAPP_NUMBER}`,
  ButtonText: 'Track my order',
  SmsMessageSid: 'SM4c5d6e7f8091a2b3c4d5e6f708192a3b',
  NumMedia: '0',
  ProfileName: 'Mei Lin',
  MessageType: 'button',
  SmsSid: 'SM4c5d6e7f8091a2b3c4d5e6f708192a3b',
  WaId: '14158675309',
  SmsStatus: 'received',
  Body: 'Track my order',
  ButtonPayload: 'track_order',
  To: `whatsapp:${WHATSAPP_NUMBER}`,
  NumSegments: '1',
  ReferralNumMedia: '0',
  MessageSid: 'SM4c5d6e7f8091a2b3c4d5e6f708192a3b',
  AccountSid: ACCOUNT_SID,
  From: `whatsapp:${CUSTOMER}`,
  OriginalRepliedMessageSid: 'SM5d6e7f8091a2b3c4d5e6f708192a3b4c',
  ApiVersion: '2010-04-01',
};
