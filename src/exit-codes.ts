/** Every exit code slim-py uses, by what it means. `slim-py help` lists them. */
export const EXIT = {
  /** A plan printed, a winner found, the files written. */
  ok: 0,
  /** The race ran and no candidate passed; the wizard was left without writing. */
  noWinner: 1,
  /** The user's input cannot be used (a UserError): the message says where and what to try. */
  badInput: 2,
  /** A bug of ours (sysexits' EX_SOFTWARE): the message says how to report it. */
  bug: 70,
  /** Stopped by the user: Ctrl-C, `q` then `y`, a "no" to the race's question. */
  cancelled: 130,
  /** A second SIGTERM while cleaning up: left at once. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
