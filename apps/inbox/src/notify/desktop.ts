/** Desktop notifications (Notification API). Permission is asked only from a button the agent clicks. */
export function desktopSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return desktopSupported() ? Notification.permission : 'unsupported';
}

export async function askDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!desktopSupported()) return 'unsupported';
  return Notification.requestPermission();
}

/** Title and body are plain text (the Notification API renders no HTML). */
export function showDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (!desktopSupported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body: body.slice(0, 200), tag, silent: true });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}
