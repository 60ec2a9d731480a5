import type Docker from 'dockerode';
import type { ImageResolution } from './engine.js';
import { isLoopbackRegistry, parseImageRef } from './image-ref.js';

interface EngineError {
  statusCode?: number;
  json?: { message?: unknown } | null;
  message?: string;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

function engineMessage(e: EngineError): string | undefined {
  const m = e.json?.message;
  return typeof m === 'string' ? m : undefined;
}

const UNREACHABLE =
  /dial tcp|no such host|connection refused|i\/o timeout|timeout|tls handshake|x509|network is unreachable|http response to https client/i;
const DENIED = /unauthorized|denied|authentication required|forbidden/i;
const MISSING = /manifest unknown|not found|does not exist|no such image|name unknown/i;

/** The engine's answer about a registry, in the three ways it can go wrong (checked in this order). */
function classify(status: number | undefined, message: string): ImageResolution {
  if (UNREACHABLE.test(message)) return { found: false, problem: 'unreachable', message };
  if (status === 401 || status === 403 || DENIED.test(message))
    return { found: false, problem: 'denied', message };
  if (status === 404 || MISSING.test(message)) return { found: false, problem: 'missing', message };
  return { found: false, problem: 'unreachable', message };
}

/** The digest the engine's store recorded for this repository when it pulled the image. */
function repoDigest(ref: string, repoDigests: string[] | undefined): string | undefined {
  const want = parseImageRef(ref);
  for (const rd of repoDigests ?? []) {
    const have = parseImageRef(rd);
    if (have.registry === want.registry && have.repository === want.repository) return have.digest;
  }
  return undefined;
}

/** Registry API v2 manifest HEAD: for loopback registries when the engine lacks /distribution. */
async function headManifest(ref: string): Promise<ImageResolution> {
  const r = parseImageRef(ref);
  const url = `http://${r.registry}/v2/${r.repository}/manifests/${r.digest ?? r.tag ?? 'latest'}`;
  try {
    const res = await fetch(url, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES } });
    if (res.ok) {
      const digest = res.headers.get('docker-content-digest');
      return digest ? { found: 'registry', digest } : { found: 'registry' };
    }
    return classify(res.status, `${res.status} ${res.statusText}`);
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? String(e);
    return { found: false, problem: 'unreachable', message: cause };
  }
}

/**
 * Finds a base image without pulling it: the engine's image store first (what a build would use),
 * then the registry through the engine (`GET /distribution/{name}/json`, so the engine's own
 * mirrors, proxies and logins apply). Engines without that endpoint (Podman) answer a bare 404:
 * a loopback registry is then asked directly, anything else is left unchecked.
 */
export async function resolveImage(
  docker: Docker,
  ref: string,
  engineIsLocal: boolean,
): Promise<ImageResolution> {
  const image = docker.getImage(ref);
  try {
    const info = await image.inspect();
    const digest = repoDigest(ref, info.RepoDigests);
    return digest ? { found: 'local', digest } : { found: 'local' };
  } catch (e) {
    if ((e as EngineError).statusCode !== 404) throw e;
  }
  try {
    const d = (await image.distribution()) as { Descriptor?: { digest?: string } };
    const digest = d.Descriptor?.digest;
    return digest ? { found: 'registry', digest } : { found: 'registry' };
  } catch (e) {
    const err = e as EngineError;
    const message = engineMessage(err);
    if (message !== undefined) return classify(err.statusCode, message);
    if (err.statusCode === 404 || err.statusCode === 405 || err.statusCode === 501) {
      if (engineIsLocal && isLoopbackRegistry(parseImageRef(ref).registry)) return headManifest(ref);
      return { found: 'unchecked', message: 'this engine cannot look up registry manifests' };
    }
    return classify(err.statusCode, err.message ?? String(e));
  }
}
