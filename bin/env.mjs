// The environment the CLI runs in. React (the public portal's server rendering) and other libraries read
// NODE_ENV when they are first loaded: unset, they load their development builds, which render the portal's
// pages about twice as slowly (a village page 62 → 31 ms on the 200,000-record county). A server started with
// `npm start` / `gongkai serve` is a production server unless NODE_ENV says otherwise.

/** Sets NODE_ENV to `production` when it is unset or empty (an explicit value, e.g. `development`, is kept). */
export function withProductionDefault(env) {
  if (!env.NODE_ENV) env.NODE_ENV = 'production';
  return env;
}
