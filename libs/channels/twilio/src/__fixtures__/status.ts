/**
 * Status-callback parameters as Twilio posts them, after
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
 * (WhatsApp adds ChannelPrefix / ChannelToAddress / ChannelInstallSid; failures carry ErrorCode).
 */
import { ACCOUNT_SID, CUSTOMER, SMS_NUMBER, WHATSAPP_NUMBER } from './inbound.js';

export const OUTBOUND_SID = 'SM6e7f8091a2b3c4d5e6f708192a3b4c5d';

export const smsSent = {
  SmsSid: OUTBOUND_SID,
  SmsStatus: 'sent',
  MessageStatus: 'sent',
  To: CUSTOMER,
  MessagingServiceSid: 'MG00112233445566778899aabbccddeeff',
  MessageSid: OUTBOUND_SID,
  AccountSid: ACCOUNT_SID,
  From: SMS_NUMBER,
  ApiVersion: '2010-04-01',
};

export const smsDelivered = {
  ...smsSent,
  SmsStatus: 'delivered',
  MessageStatus: 'delivered',
  RawDlrDoneDate: '2406141230',
};

export const smsUndelivered = {
  ErrorCode: '30003',
  SmsSid: OUTBOUND_SID,
  SmsStatus: 'undelivered',
  MessageStatus: 'undelivered',
  To: CUSTOMER,
  MessageSid: OUTBOUND_SID,
  AccountSid: ACCOUNT_SID,
  From: SMS_NUMBER,
  RawDlrDoneDate: '2406141231',
  ApiVersion: '2010-04-01',
};

export const whatsappRead = {
  ChannelPrefix: 'whatsapp',
  ApiVersion: '2010-04-01',
  MessageStatus: 'read',
  SmsSid: 'SM7f8091a2b3c4d5e6f708192a3b4c5d6e',
  SmsStatus: 'read',
  ChannelInstallSid: 'XE0123456789abcdef0123456789abcdef',
  To: `whatsapp:${CUSTOMER}`,
  From: `whatsapp:${WHATSAPP_NUMBER}`,
  MessageSid: 'SM7f8091a2b3c4d5e6f708192a3b4c5d6e',
  AccountSid: ACCOUNT_SID,
  ChannelToAddress: '+1415867XXXX',
};

/** A free-form WhatsApp reply sent after the 24-hour window closed. */
export const whatsappFailedOutsideWindow = {
  ...whatsappRead,
  MessageStatus: 'failed',
  SmsStatus: 'failed',
  ErrorCode: '63016',
};
