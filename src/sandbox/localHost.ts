// Which Host headers the sandbox's servers answer. Both listen on loopback only, but another site can still reach a
// loopback port through DNS rebinding (its own name resolving to 127.0.0.1); then its name is the Host, and it may
// read nothing.

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a request names the server as a program on this machine does. */
export function isLocalHost(host: string | undefined, port: number): boolean {
  const given = host?.toLowerCase();
  return LOCAL_NAMES.some((name) => given === `${name}:${port}` || (port === 80 && given === name));
}
