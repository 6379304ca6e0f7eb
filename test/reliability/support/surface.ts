import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

/**
 * The hub's attack surface as it is actually served, derived at run time (never hand-listed): every
 * HTTP route from the Express router and every socket.io event a gateway subscribes to. The isolation
 * and injection sweeps iterate these, so a route or event added later is swept, or fails the sweep
 * until its test table says how to call it.
 */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express path with `:params`, e.g. `/api/v1/accounts/:accountId/conversations/:id`. */
  path: string;
  key: string;
}

export function httpRoutes(app: INestApplication): HttpRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out = new Map<string, HttpRoute>();
  for (const layer of stack) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') continue;
    for (const [m, on] of Object.entries(route.methods)) {
      const method = m.toUpperCase();
      if (!on || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const r = { method: method as HttpRoute['method'], path: route.path, key: `${method} ${route.path}` };
      out.set(r.key, r);
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** Client → server events each socket.io namespace handles (`@SubscribeMessage`), read from the gateways' metadata. */
export function socketEvents(app: INestApplication): Map<string, string[]> {
  const byNamespace = new Map<string, string[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type || typeof type !== 'function' || !Reflect.getMetadata('websockets:is_gateway', type)) continue;
      const options = (Reflect.getMetadata('websockets:gateway_options', type) ?? {}) as { namespace?: string };
      const namespace = options.namespace ?? '/';
      const events = new Set(byNamespace.get(namespace) ?? []);
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || !Reflect.getMetadata('websockets:message_mapping', handler)) continue;
        events.add(String(Reflect.getMetadata('message', handler)));
      }
      byNamespace.set(namespace, [...events].sort());
    }
  }
  return byNamespace;
}
