import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process's name in the cluster: leases, presence and logs say which instance holds what.
 * Host and pid help an operator read it; the random part keeps a restarted process (same pid in a
 * fresh container) from inheriting the leases of its predecessor.
 */
export class InstanceId {
  readonly value = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  toString(): string {
    return this.value;
  }
}
