import { createConnection } from 'node:net';
import * as grpc from '@grpc/grpc-js';

/**
 * BuildKit's ssh forwarding (`RUN --mount=type=ssh`, `docker build --ssh default`) served by our
 * build session: each connection the build opens to the mounted socket arrives as one
 * ForwardAgent stream, which is piped to the user's agent at SSH_AUTH_SOCK. Keys never leave
 * the agent; the build only gets signatures.
 */

/** moby.sshforward.v1 (buildkit session/sshforward/ssh.proto), as protobufjs JSON. */
export const SSH_FORWARD_SERVICE = {
  nested: {
    v1: {
      nested: {
        SSH: {
          methods: {
            CheckAgent: { requestType: 'CheckAgentRequest', responseType: 'CheckAgentResponse' },
            ForwardAgent: {
              requestType: 'BytesMessage',
              responseType: 'BytesMessage',
              requestStream: true,
              responseStream: true,
            },
          },
        },
        BytesMessage: { fields: { data: { type: 'bytes', id: 1 } } },
        CheckAgentRequest: { fields: { ID: { type: 'string', id: 1 } } },
        CheckAgentResponse: { fields: {} },
      },
    },
  },
};

export const SSH_FORWARD_METHODS = [
  '/moby.sshforward.v1.SSH/CheckAgent',
  '/moby.sshforward.v1.SSH/ForwardAgent',
];

/** BuildKit names the agent in the metadata of each stream; `--ssh default` is the only one we serve. */
const ID_KEY = 'buildkit.ssh.id';

function agentProblem(id: string, socket: string | undefined): string | undefined {
  if (id !== '' && id !== 'default') return `no ssh agent "${id}": slim-py forwards only the default one`;
  if (!socket)
    return 'no ssh agent to forward: SSH_AUTH_SOCK is not set (start ssh-agent and ssh-add your key)';
  return undefined;
}

type Bytes = { data: Buffer };

/** The handlers for one session, forwarding to the agent at `socket` (SSH_AUTH_SOCK). */
export function sshForwardHandlers(socket: string | undefined): grpc.UntypedServiceImplementation {
  const checkAgent = (
    call: grpc.ServerUnaryCall<{ ID?: string }, object>,
    cb: grpc.sendUnaryData<object>,
  ) => {
    // proto3 leaves an empty ID off the wire: the default agent.
    const problem = agentProblem(call.request.ID ?? '', socket);
    if (problem) cb({ code: grpc.status.NOT_FOUND, details: problem });
    else cb(null, {});
  };
  const forwardAgent = (call: grpc.ServerDuplexStream<Bytes, Bytes>) => {
    const id = String(call.metadata.get(ID_KEY)[0] ?? '');
    const problem = agentProblem(id, socket);
    if (problem || !socket) {
      call.emit('error', { code: grpc.status.NOT_FOUND, details: problem });
      return;
    }
    const agent = createConnection(socket);
    call.on('data', (m: Bytes) => agent.write(m.data));
    call.on('end', () => agent.end());
    call.on('cancelled', () => agent.destroy());
    agent.on('data', (data: Buffer) => call.write({ data }));
    agent.on('end', () => call.end());
    agent.on('error', (e) => call.emit('error', { code: grpc.status.UNAVAILABLE, details: e.message }));
  };
  return { CheckAgent: checkAgent, ForwardAgent: forwardAgent };
}
