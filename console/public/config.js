// Runtime configuration of the console. `npm start` (console/server.js) serves its own /config.js
// pointing at the running local cloud; this file is the fallback for other static hosts.
// mode: 'local' = the localcloud client gateway (development only); 'cloudbase' = CloudBase JS SDK (see README).
window.__CONSOLE_CONFIG__ = window.__CONSOLE_CONFIG__ || {
  mode: 'local',
  gateway: 'http://127.0.0.1:8787',
  env: 'local-env',
};
