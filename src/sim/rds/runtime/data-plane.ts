/**
 * The live data plane: one fault proxy per reported endpoint, each on its own loopback
 * address (127.0.0.2, 127.0.0.3, …) and all on one shared port, as Aurora gives writer,
 * reader and instance endpoints the same port. Every proxy forwards to the backing MySQL.
 */
import { UnavailableError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import {
  type FaultProxy,
  type OutageMode,
  type ProxyTarget,
  startFaultProxy,
} from '../../../net/fault-proxy.js';

export interface DataPlaneEndpoint {
  address: string;
  port: number;
  /** What the endpoint stands for, e.g. `prod-db writer`. */
  label: string;
  down: OutageMode | undefined;
  accepted: number;
  dropped: number;
}

export interface DataPlane {
  /** The shared port (known once the first endpoint listens). */
  readonly port: number;
  /** Starts a proxy on a fresh loopback address and returns that address. */
  allocate(label: string): Promise<string>;
  release(address: string): Promise<void>;
  relabel(address: string, label: string): void;
  /** Takes endpoints down; outages nest, an endpoint is up again when the last one ends. */
  disrupt(addresses: readonly string[], mode: OutageMode): Promise<void>;
  restore(addresses: readonly string[]): Promise<void>;
  endpoints(): DataPlaneEndpoint[];
  close(): Promise<void>;
}

/** Addresses skipped when the shared port is taken there before giving up. */
const MAX_ADDRESS_ATTEMPTS = 32;

/** The n-th loopback address (n ≥ 2), skipping .0 and .255 octets. */
export function loopbackAddress(n: number): string {
  const perBlock = 254;
  const z = ((n - 1) % perBlock) + 1;
  const rest = Math.floor((n - 1) / perBlock);
  return `127.${Math.floor(rest / 256) % 256}.${rest % 256}.${z}`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

interface Slot {
  proxy: FaultProxy;
  label: string;
  outages: number;
}

export async function startDataPlane(options: {
  target: ProxyTarget;
  /** Shared port; 0 or undefined picks a free one. */
  port?: number;
  logger: Logger;
}): Promise<DataPlane> {
  const slots = new Map<string, Slot>();
  let port = options.port ?? 0;
  let next = 2;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const listenOnce = async (label: string): Promise<string> => {
    for (let attempt = 0; attempt < MAX_ADDRESS_ATTEMPTS; attempt += 1) {
      const address = loopbackAddress(next);
      next += 1;
      try {
        const proxy = await startFaultProxy({ host: address, port, target: options.target });
        port = proxy.port;
        slots.set(address, { proxy, label, outages: 0 });
        return address;
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EADDRNOTAVAIL') {
          throw new UnavailableError(
            'sim_rds_loopback_unavailable',
            `Cannot listen on ${address}.`,
            {
              hint: 'The data plane needs the whole 127.0.0.0/8 on the loopback interface (Linux has it; on macOS add aliases with `ifconfig lo0 alias 127.0.0.2`).',
              cause: error,
            },
          );
        }
        if (code !== 'EADDRINUSE') throw error;
        options.logger.warn(
          { address, port },
          'data-plane port taken on this address, trying the next one',
        );
      }
    }
    throw new UnavailableError(
      'sim_rds_port_taken',
      `Port ${port} is taken on ${MAX_ADDRESS_ATTEMPTS} loopback addresses in a row.`,
      { hint: 'Choose another --data-port (or 0 for a free one).' },
    );
  };

  const each = async (addresses: readonly string[], fn: (slot: Slot) => Promise<void> | void) => {
    await Promise.all(
      addresses.map(async (address) => {
        const slot = slots.get(address);
        if (slot !== undefined && !closed) await fn(slot);
      }),
    );
  };

  return {
    get port() {
      return port;
    },
    allocate(label) {
      // why: allocations are serialised so concurrent callers never race for an address.
      const result = queue.then(() => listenOnce(label));
      queue = result.catch(() => undefined);
      return result;
    },
    async release(address) {
      const slot = slots.get(address);
      slots.delete(address);
      await slot?.proxy.close();
    },
    relabel(address, label) {
      const slot = slots.get(address);
      if (slot !== undefined) slot.label = label;
    },
    disrupt: (addresses, mode) =>
      each(addresses, async (slot) => {
        slot.outages += 1;
        if (slot.outages === 1) await slot.proxy.disrupt(mode);
        else slot.proxy.dropConnections();
      }),
    restore: (addresses) =>
      each(addresses, async (slot) => {
        slot.outages = Math.max(0, slot.outages - 1);
        if (slot.outages === 0) await slot.proxy.restore();
      }),
    endpoints: () =>
      [...slots].map(([address, slot]) => ({
        address,
        port,
        label: slot.label,
        down: slot.proxy.down,
        accepted: slot.proxy.stats.accepted,
        dropped: slot.proxy.stats.dropped,
      })),
    async close() {
      closed = true;
      await queue;
      await Promise.all([...slots.values()].map((slot) => slot.proxy.close()));
      slots.clear();
    },
  };
}
