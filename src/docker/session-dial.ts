import type Docker from 'dockerode';

/**
 * The hijacked `POST /session` upgrade (h2c) BuildKit talks gRPC over, in one place: the
 * connect-time probe and every build's session open it the same way.
 */
export function dialSession(
  docker: Docker,
  id: string,
  name: string,
  methods: readonly string[],
  done: (err: unknown, socket: unknown) => void,
): void {
  docker.modem.dial(
    {
      method: 'POST',
      path: '/session',
      hijack: true,
      headers: {
        Upgrade: 'h2c',
        'X-Docker-Expose-Session-Uuid': id,
        'X-Docker-Expose-Session-Name': name,
        ...(methods.length ? { 'X-Docker-Expose-Session-Grpc-Method': [...methods] } : {}),
      },
      statusCodes: { 101: true, 200: true, 500: 'server error' },
    },
    done,
  );
}
