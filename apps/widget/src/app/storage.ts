/** The iframe's localStorage (the hub's origin, partitioned per embedding site by browsers), keyed per website token. Never throws. */
export function storage(websiteToken: string) {
  const key = (name: string) => `concierge:${websiteToken}:${name}`;
  return {
    get<T>(name: string): T | null {
      try {
        const raw = localStorage.getItem(key(name));
        return raw === null ? null : (JSON.parse(raw) as T);
      } catch {
        return null;
      }
    },
    set(name: string, value: unknown): void {
      try {
        if (value === null || value === undefined) localStorage.removeItem(key(name));
        else localStorage.setItem(key(name), JSON.stringify(value));
      } catch {
        /* quota or privacy mode: this page view still works */
      }
    },
  };
}

export type Storage = ReturnType<typeof storage>;
