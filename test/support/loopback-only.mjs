// Loaded before every test file, and into every process the end-to-end tests start
// (NODE_OPTIONS=--import): a connection to anything but loopback throws before any lookup
// or packet, so no test can reach a real host, whatever it is configured with.
import net from 'node:net'

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i
const connect = net.Socket.prototype.connect

net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect passes its normalised [options, callback] array as the one argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }
  const host = typeof options.host === 'string' ? options.host.replace(/^\[|\]$/g, '') : 'localhost'
  if (options.path === undefined && !LOOPBACK.test(host)) {
    throw new Error(`tests may only connect to loopback; refused ${host}`)
  }
  return connect.apply(this, args)
}
