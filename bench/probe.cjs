// Preloaded into a measured child (`node --require ./bench/probe.cjs ...`; CommonJS, so that measuring a bare
// `node -e 0` does not start the ESM loader it would not otherwise start): reports on stderr, as one JSON line
// after `AAB_PROBE `, the process's CPU time (all threads) and uptime when it opens its first socket (its first
// AWS request) or, if it never does, when it exits. CPU time barely moves with the machine's load, so the ratio
// of two such figures is a load-robust companion to wall times.
const net = require('node:net');

let reported = false;
function report(event) {
  if (reported) return;
  reported = true;
  const cpu = process.cpuUsage();
  const line = JSON.stringify({ event, cpuMs: (cpu.user + cpu.system) / 1000, uptimeMs: performance.now() });
  process.stderr.write(`AAB_PROBE ${line}\n`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function probedConnect(...args) {
  report('first-connection');
  return connect.apply(this, args);
};
process.on('exit', () => report('exit'));
