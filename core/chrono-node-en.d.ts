// chrono-node publishes its English-only entry, `chrono-node/en`, through package exports, which
// this project's `moduleResolution: node` does not read (Node itself does). Its declarations:
declare module 'chrono-node/en' {
  export * from 'chrono-node/dist/esm/locales/en';
}
