import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type Docker from 'dockerode';
import { dialSession } from './session-dial.js';
import { SSH_FORWARD_METHODS, SSH_FORWARD_SERVICE, sshForwardHandlers } from './ssh-agent-forward.js';

/**
 * The BuildKit session of one build: the engine calls back into it over the hijacked /session
 * connection (gRPC over h2c, the client being the server). dockerode 5's own session answers only
 * registry credentials; this one also answers secrets, so that `RUN --mount=type=secret,id=X`
 * gets its bytes from memory here — never a build arg, a file on disk or the image history —
 * and forwards the user's ssh agent to `RUN --mount=type=ssh` (ssh-agent-forward.ts).
 */

// The services the engine's gRPC client calls: health (every second: an unanswered check ends the
// session, which is why dockerode's session dies after a second), registry auth, secrets, ssh.
const SERVICES = {
  nested: {
    grpc: {
      nested: {
        health: {
          nested: {
            v1: {
              nested: {
                Health: {
                  methods: {
                    Check: { requestType: 'HealthCheckRequest', responseType: 'HealthCheckResponse' },
                  },
                },
                HealthCheckRequest: { fields: { service: { type: 'string', id: 1 } } },
                // status is the ServingStatus enum on the wire: 1 = SERVING.
                HealthCheckResponse: { fields: { status: { type: 'int32', id: 1 } } },
              },
            },
          },
        },
      },
    },
    moby: {
      nested: {
        sshforward: SSH_FORWARD_SERVICE,
        filesync: {
          nested: {
            v1: {
              nested: {
                Auth: {
                  methods: {
                    Credentials: { requestType: 'CredentialsRequest', responseType: 'CredentialsResponse' },
                  },
                },
                CredentialsRequest: { fields: { Host: { type: 'string', id: 1 } } },
                CredentialsResponse: {
                  fields: { Username: { type: 'string', id: 1 }, Secret: { type: 'string', id: 2 } },
                },
              },
            },
          },
        },
        buildkit: {
          nested: {
            secrets: {
              nested: {
                v1: {
                  nested: {
                    Secrets: {
                      methods: {
                        GetSecret: { requestType: 'GetSecretRequest', responseType: 'GetSecretResponse' },
                      },
                    },
                    GetSecretRequest: {
                      fields: {
                        ID: { type: 'string', id: 1 },
                        annotations: { keyType: 'string', type: 'string', id: 2 },
                      },
                    },
                    GetSecretResponse: { fields: { data: { type: 'bytes', id: 1 } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

interface Loaded {
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  moby: {
    sshforward: { v1: { SSH: grpc.ServiceClientConstructor } };
    filesync: { v1: { Auth: grpc.ServiceClientConstructor } };
    buildkit: { secrets: { v1: { Secrets: grpc.ServiceClientConstructor } } };
  };
}

const METHODS = [
  '/grpc.health.v1.Health/Check',
  '/moby.filesync.v1.Auth/Credentials',
  '/moby.buildkit.secrets.v1.Secrets/GetSecret',
  ...SSH_FORWARD_METHODS,
];

function services(): Loaded {
  const json = SERVICES as Parameters<typeof protoLoader.fromJSON>[0];
  return grpc.loadPackageDefinition(protoLoader.fromJSON(json)) as unknown as Loaded;
}

export interface BuildSession {
  id: string;
  /** Ends the session; call when the build stream has ended. */
  close(): void;
}

/** Opens a session that serves `secrets` (id → content). Rejects when the engine refuses /session. */
export function openBuildSession(docker: Docker, secrets: Record<string, string>): Promise<BuildSession> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    dialSession(docker, id, 'slim-py', METHODS, (err, socket) => {
      if (err) return reject(err);
      const server = new grpc.Server();
      server
        .createConnectionInjector(grpc.ServerCredentials.createInsecure())
        .injectConnection(socket as Duplex);
      const s = services();
      server.addService(s.grpc.health.v1.Health.service, {
        Check: (_call: unknown, cb: grpc.sendUnaryData<object>) => cb(null, { status: 1 }),
      });
      // No registry credentials of ours: pulls go as the engine is configured (as dockerode's session).
      server.addService(s.moby.filesync.v1.Auth.service, {
        Credentials: (_call: unknown, cb: grpc.sendUnaryData<object>) => cb(null, {}),
      });
      server.addService(s.moby.buildkit.secrets.v1.Secrets.service, {
        GetSecret: (call: grpc.ServerUnaryCall<{ ID: string }, object>, cb: grpc.sendUnaryData<object>) => {
          const value = secrets[call.request.ID];
          if (value === undefined)
            cb({ code: grpc.status.NOT_FOUND, details: `no secret ${call.request.ID}` });
          else cb(null, { data: Buffer.from(value, 'utf8') });
        },
      });
      // `RUN --mount=type=ssh`: the user's agent, as `docker build --ssh default` forwards it.
      server.addService(s.moby.sshforward.v1.SSH.service, sshForwardHandlers(process.env.SSH_AUTH_SOCK));
      resolve({
        id,
        close: () => {
          server.forceShutdown();
          (socket as Duplex).end();
        },
      });
    });
  });
}
