import type { EmbeddedAzurite } from '../../storage/embedded-azurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite__?: EmbeddedAzurite }).__azurite__?.stop();
}
