// whatsapp-web.js pulls puppeteer; nothing may be downloaded at install time (offline machines).
// The hub launches the system Chromium instead (see WHATSAPP_WEB_CHROMIUM_PATH).
module.exports = { skipDownload: true };
