// @ts-check
import { connect } from 'node:net';

export const POSTGRES_HOST = '127.0.0.1';
export const POSTGRES_PORT = 5432;

export const POSTGRES_HOWTO =
  `PostgreSQL is not answering on ${POSTGRES_HOST}:${POSTGRES_PORT}. On Debian start it with ` +
  '`sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` ' +
  '(install it first with `sudo apt-get install -y postgresql` if /etc/postgresql is missing); ' +
  'the tests connect over TCP as user postgres.';

/** PostgreSQL's SSLRequest: any server answers it with one byte, 'S' or 'N', before any authentication. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * True when a PostgreSQL server (not just any open port) answers at host:port.
 * @param {{ host?: string, port?: number, timeoutMs?: number }} [options]
 * @returns {Promise<boolean>}
 */
export function probePostgres({ host = POSTGRES_HOST, port = POSTGRES_PORT, timeoutMs = 2000 } = {}) {
  return new Promise((done) => {
    const socket = connect({ host, port });
    /** @param {boolean} answer */
    const finish = (answer) => {
      socket.destroy();
      done(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('connect', () => socket.write(SSL_REQUEST));
    socket.on('data', (data) => finish(data[0] === 0x53 || data[0] === 0x4e));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
